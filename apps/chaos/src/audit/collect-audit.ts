import type { WalletView } from '@cashout/shared-contracts';
import { AuditInput } from '../domain/audit-input';
import { Population } from '../domain/population';
import { Credentials, PlatformApi } from '../http/platform-api';
import { FlowRecord } from '../load/flow-record';
import { StoreProbe } from './store-probe.port';

/** How many ended intents get their last OTP posted again (each is one request). */
const OTP_REPLAY_SAMPLE = 25;

/** Every customer's wallets, by phone, through GET /wallets?phone=. */
export async function walletsOf(api: PlatformApi, phones: string[], as: Credentials): Promise<Record<string, WalletView[]>> {
  const out: Record<string, WalletView[]> = {};
  for (const phone of phones) out[phone] = await api.wallets(phone, as);
  return out;
}

/** What the audit needs of a flow: its intent, the last OTP it read, whether it was told SUCCEEDED. */
export type AuditedFlow = Pick<FlowRecord, 'intentId' | 'lastOtp' | 'toldSucceeded'>;

export interface AuditSources {
  api: PlatformApi;
  admin: Credentials;
  operator: Credentials;
  store: StoreProbe;
  population: Population;
  walletsBefore: Record<string, WalletView[]>;
  records: AuditedFlow[];
  redisRestarted: boolean;
}

/**
 * Gathers what the invariants are checked on: through HTTP everything it can tell (intents,
 * wallets, reconciliation, whether an ended intent still takes its OTP), and from the store
 * probe the risk reservations.
 */
export async function collectAudit(sources: AuditSources): Promise<AuditInput> {
  const { api, admin, operator, population } = sources;
  const intents = await api.allIntents(admin);
  const walletsAfter = await walletsOf(api, [...population.clients, ...population.agents], operator);
  const reconciliation = await api.reconciliation(admin);
  const reservations = await sources.store.reservations(intents.map((intent) => intent.id));
  const statusOf = new Map(intents.map((intent) => [intent.id, intent.status]));
  const replayable = sources.records.filter(
    (record) => record.intentId && record.lastOtp && ['FAILED', 'EXPIRED', 'CANCELED'].includes(statusOf.get(record.intentId) ?? ''),
  );
  const otpReplays: AuditInput['otpReplays'] = [];
  for (const record of replayable.slice(0, OTP_REPLAY_SAMPLE)) {
    const intentId = record.intentId as string;
    const response = await api.request('POST', `/intents/${intentId}/verify-otp`, { as: operator, body: { otp: record.lastOtp } });
    otpReplays.push({ intentId, status: response.status });
  }
  return {
    population,
    walletsBefore: sources.walletsBefore,
    walletsAfter,
    intents,
    reservations,
    reconciliation,
    toldSucceeded: sources.records.filter((record) => record.toldSucceeded && record.intentId).map((record) => record.intentId as string),
    otpReplays,
    redisRestarted: sources.redisRestarted,
    at: new Date().toISOString(),
  };
}

import request from 'supertest';
import { Env } from '@cashout/platform';
import { startEmbeddedSystem } from '../src/embedded-system';

export const PHONES = {
  admin: '+2250700000001',
  operator: '+2250700000002',
  agent1: '+2250500000001',
  agent2: '+2250500000002',
  client1: '+2250100000001',
  client2: '+2250100000002',
  suspended: '+2250100000003',
  tier1: '+2250100000004',
} as const;

export const PINS = { staff: '0000', agent: '1234', client: '1111' } as const;

/**
 * Settings that keep tests fast: cheap hashing, no resend cooldown; and rate limits out of
 * the way, since every test request comes from one address (the gateway's tests cover them).
 */
export const TEST_ENV: Env = {
  APP_ENV: 'test',
  BCRYPT_COST_OTP: '4',
  BCRYPT_COST_PIN: '4',
  OTP_RESEND_COOLDOWN_SECONDS: '0',
  RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
  RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_FAILED_LOGINS_PER_ADDRESS: '100000',
  RATE_LIMIT_FAILED_LOGINS: '100000',
  OTP_FAILURE_BUDGET: '100000',
  OTP_AGENT_FAILURE_BUDGET: '100000',
};

export type Http = ReturnType<typeof request>;

/** A running system to test through HTTP: embedded in this process, or separate processes. */
export interface SystemUnderTest {
  /** A request builder; the distributed system spreads requests over its gateways. */
  http: () => Http;
  close(): Promise<void>;
}

/** Starts a fresh system with these settings on top of TEST_ENV. */
export type SystemFactory = (env: Env) => Promise<SystemUnderTest>;

export const embeddedSystem: SystemFactory = async (env) => {
  const system = await startEmbeddedSystem(env, { logger: false });
  return { http: () => request(system.gateway.getHttpServer()), close: () => system.close() };
};

export interface Harness {
  http: () => Http;
  login(phone: string, pin: string): Promise<string>;
  token(who: keyof typeof PHONES): Promise<string>;
  /**
   * The newest OTP sent to the client, for that intent when `intentId` is given: a client
   * may have OTPs of several intents in flight, so scenarios that know the intent name it.
   */
  latestOtp(clientPhone: string, intentId?: string): Promise<string>;
  reconciliation(): Promise<{ balanced: boolean; intact?: boolean; mismatches: unknown[]; totalsByCurrency: Record<string, number> }>;
  wallets(phone: string): Promise<Array<{ kind: string; balance: number; available: number }>>;
  close(): Promise<void>;
}

export async function startHarness(factory: SystemFactory, overrides: Env = {}): Promise<Harness> {
  const system = await factory({ ...TEST_ENV, ...overrides });
  const http = system.http;
  const tokens = new Map<string, string>();

  async function login(phone: string, pin: string): Promise<string> {
    const response = await http().post('/auth/login').send({ phone, pin });
    if (response.status !== 200) throw new Error(`login ${phone} answered ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { accessToken: string }).accessToken;
  }

  async function token(who: keyof typeof PHONES): Promise<string> {
    const cached = tokens.get(who);
    if (cached) return cached;
    const pin = who === 'admin' || who === 'operator' ? PINS.staff : who.startsWith('agent') ? PINS.agent : PINS.client;
    const fresh = await login(PHONES[who], pin);
    tokens.set(who, fresh);
    return fresh;
  }

  async function latestOtp(clientPhone: string, intentId?: string): Promise<string> {
    const admin = await token('admin');
    const response = await http()
      .get('/sandbox/notifications')
      .query({ phone: clientPhone, limit: 50, ...(intentId !== undefined ? { intentId } : {}) })
      .set('Authorization', `Bearer ${admin}`);
    const records = response.body as Array<{ kind: string; otp?: string; intentId?: string }>;
    const otp = records.find((record) => record.kind === 'OTP' && record.otp && (intentId === undefined || record.intentId === intentId))?.otp;
    const about = intentId === undefined ? clientPhone : `${clientPhone}, intent ${intentId}`;
    if (!otp) throw new Error(`no OTP in the sandbox for ${about}: ${JSON.stringify(response.body)}`);
    return otp;
  }

  async function reconciliation() {
    const admin = await token('admin');
    const response = await http().get('/ledger/reconciliation').set('Authorization', `Bearer ${admin}`);
    return response.body as { balanced: boolean; intact?: boolean; mismatches: unknown[]; totalsByCurrency: Record<string, number> };
  }

  async function wallets(phone: string) {
    const admin = await token('admin');
    const response = await http().get('/wallets').query({ phone }).set('Authorization', `Bearer ${admin}`);
    return response.body as Array<{ kind: string; balance: number; available: number }>;
  }

  return { http, login, token, latestOtp, reconciliation, wallets, close: () => system.close() };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface IntentBody {
  id: string;
  referenceId: string;
  status: string;
  amount: number;
  fees: number;
  totalDebit: number;
  commission: number;
  transactionId?: string;
  failureReason?: string;
  expiresAt: string;
  createdAt: string;
  otp?: { attemptsLeft: number; resendsLeft: number; channel: string };
  history: Array<{ status: string; reason?: string }>;
  agent: { userId: string; phone: string };
  client: { userId: string; phone: string };
  initiatorUserId: string;
  createdBy: string;
}

export interface ErrorResponse {
  error: { code: string; message: string; details?: unknown; correlationId: string };
}

/** Drives an intent through the steps; each helper asserts the step succeeded. */
export class IntentDriver {
  constructor(
    private readonly harness: Harness,
    readonly token: string,
  ) {}

  async createCmms(agentPhone: string, clientPhone: string, amount: number): Promise<IntentBody> {
    const response = await this.harness.http().post('/intents').set(bearer(this.token)).send({ agentPhone, clientPhone, amount });
    if (response.status !== 201) throw new Error(`create answered ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as IntentBody;
  }

  async createMobile(body: Record<string, unknown>): Promise<IntentBody> {
    const response = await this.harness.http().post('/intents').set(bearer(this.token)).send(body);
    if (response.status !== 201) throw new Error(`create answered ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as IntentBody;
  }

  step(intentId: string, action: string, body: Record<string, unknown> = {}) {
    return this.harness.http().post(`/intents/${intentId}/${action}`).set(bearer(this.token)).send(body);
  }

  async expectStep(intentId: string, action: string, body: Record<string, unknown> = {}, status = 200): Promise<IntentBody> {
    const response = await this.step(intentId, action, body);
    if (response.status !== status) throw new Error(`${action} answered ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as IntentBody;
  }

  async toOtpVerified(intent: IntentBody): Promise<IntentBody> {
    await this.expectStep(intent.id, 'send-otp');
    const otp = await this.harness.latestOtp(intent.client.phone, intent.id);
    return this.expectStep(intent.id, 'verify-otp', { otp });
  }

  async toPinVerified(intent: IntentBody, pin = PINS.agent): Promise<IntentBody> {
    await this.toOtpVerified(intent);
    return this.expectStep(intent.id, 'verify-pin', { pin });
  }

  async toSucceeded(intent: IntentBody): Promise<IntentBody> {
    await this.toPinVerified(intent);
    return this.expectStep(intent.id, 'confirm');
  }
}

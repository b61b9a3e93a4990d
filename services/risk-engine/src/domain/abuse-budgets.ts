import { AbuseBudget } from '@cashout/shared-contracts';
import { BudgetClaim } from '../budgets.repository.port';

/** How many intents may be open at once per party, and how many OTP sends per party in a window. */
export interface AbuseBudgets {
  openIntentsPerAgent: number;
  openIntentsPerClient: number;
  otpSendsPerAgent: number;
  otpSendsPerClient: number;
  otpSendWindowSeconds: number;
}

export const DEFAULT_ABUSE_BUDGETS: AbuseBudgets = {
  openIntentsPerAgent: 20,
  openIntentsPerClient: 3,
  otpSendsPerAgent: 200,
  otpSendsPerClient: 10,
  otpSendWindowSeconds: 60 * 60,
};

/** The budgets the risk engine keeps (wrong OTPs are counted by auth, on its users). */
type RiskBudget = Exclude<AbuseBudget, 'OTP_FAILURES_PER_AGENT' | 'OTP_FAILURES_PER_CLIENT'>;

const KEY_PREFIX: Record<RiskBudget, string> = {
  OPEN_INTENTS_PER_AGENT: 'open-intents:agent:',
  OPEN_INTENTS_PER_CLIENT: 'open-intents:client:',
  OTP_SENDS_PER_AGENT: 'otp-sends:agent:',
  OTP_SENDS_PER_CLIENT: 'otp-sends:client:',
};

export interface Parties {
  agentUserId: string;
  clientUserId: string;
}

/** The keys an intent counts under while open. */
export function openIntentKeys(parties: Parties): string[] {
  return [KEY_PREFIX.OPEN_INTENTS_PER_AGENT + parties.agentUserId, KEY_PREFIX.OPEN_INTENTS_PER_CLIENT + parties.clientUserId];
}

export function openIntentClaims(parties: Parties, budgets: AbuseBudgets): BudgetClaim[] {
  const [agent, client] = openIntentKeys(parties);
  return [
    { key: agent, limit: budgets.openIntentsPerAgent },
    { key: client, limit: budgets.openIntentsPerClient },
  ];
}

export function otpSendClaims(parties: Parties, budgets: AbuseBudgets): BudgetClaim[] {
  return [
    { key: KEY_PREFIX.OTP_SENDS_PER_AGENT + parties.agentUserId, limit: budgets.otpSendsPerAgent },
    { key: KEY_PREFIX.OTP_SENDS_PER_CLIENT + parties.clientUserId, limit: budgets.otpSendsPerClient },
  ];
}

/** Which budget a full key belongs to. */
export function budgetOfKey(key: string): RiskBudget {
  const found = (Object.keys(KEY_PREFIX) as RiskBudget[]).find((budget) => key.startsWith(KEY_PREFIX[budget]));
  if (!found) throw new Error(`no abuse budget has the key ${key}`);
  return found;
}

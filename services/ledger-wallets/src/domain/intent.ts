import {
  Actor,
  ClientProfile,
  ErrorBody,
  HistoryEntry,
  INTENT_STATUSES,
  IntentChannel,
  IntentStatus,
  IntentView,
  MessageType,
  NotificationChannel,
  PayloadOf,
} from '@cashout/shared-contracts';

/**
 * The saga's own phases before an intent exists publicly: DRAFT while the parties are
 * resolved and the risk engine evaluates, REJECTED when creation was refused.
 */
export type IntentPhase = IntentStatus | 'DRAFT' | 'REJECTED';

/** An asynchronous step the saga waits on; replies carry its stepId. */
export type PendingStep = 'RESOLVE' | 'EVALUATE' | 'ISSUE_OTP' | 'VERIFY_OTP' | 'VERIFY_PIN' | 'HOLD' | 'RESERVE' | 'SETTLE';

/** A message the saga sends, as data: the workflow envelopes it into the intent's outbox. */
export type SagaCommand = { [T in MessageType]: { type: T; payload: PayloadOf<T> } }[MessageType];

export interface PendingState {
  step: PendingStep;
  stepId: string;
  waiters: Waiter[];
  /** When the step was asked for (or last asked again). */
  since: string;
  /** The command to send again if no answer comes; absent when it carries a secret. */
  resend?: SagaCommand;
}

export type IntentAction = 'create' | 'send-otp' | 'verify-otp' | 'verify-pin' | 'confirm' | 'cancel';

/** A gateway request waiting for the outcome of a step. */
export interface Waiter {
  correlationId: string;
  causationId: string;
  action: IntentAction;
}

export interface OtpState {
  otpId: string;
  channel?: NotificationChannel;
  expiresAt?: string;
  attemptsLeft: number;
  resendsLeft: number;
  lastSentAt?: string;
}

/** The intent aggregate as the ledger-wallets service stores it (outbox excluded). */
export interface IntentState {
  id: string;
  referenceId: string;
  phase: IntentPhase;
  channel: IntentChannel;
  amount: number;
  currency: string;
  fees: number;
  commission: number;
  requestedBy: Actor;
  request: { agentPhone?: string; clientPhone?: string; clientQrToken?: string };
  agent?: { userId: string; phone: string };
  client?: ClientProfile;
  otp?: OtpState;
  pending?: PendingState;
  /** The hold of the current confirmation attempt on the client's wallet, if any. */
  holdId?: string;
  transactionId?: string;
  failureReason?: string;
  rejection?: ErrorBody;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  history: HistoryEntry[];
}

/** The phases an intent shows outside the saga: the contract's statuses, DRAFT and REJECTED excepted. */
export const PUBLIC_PHASES: readonly IntentPhase[] = INTENT_STATUSES;

export const isPublic = (phase: IntentPhase): phase is IntentStatus => PUBLIC_PHASES.includes(phase);

/** States from which the deadline expires an intent (PROCESSING never expires). */
export const EXPIRABLE: readonly IntentPhase[] = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED'];
export const CANCELABLE: readonly IntentPhase[] = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED'];
export const FINAL: readonly IntentPhase[] = ['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED', 'REJECTED'];

/** Where each action may start from; anything else is INVALID_STATE. */
export const ALLOWED_FROM: Record<Exclude<IntentAction, 'create'>, readonly IntentPhase[]> = {
  'send-otp': ['CREATED', 'OTP_SENT'],
  'verify-otp': ['OTP_SENT'],
  'verify-pin': ['OTP_VERIFIED'],
  confirm: ['PIN_VERIFIED'],
  cancel: CANCELABLE,
};

export function canStart(phase: IntentPhase, action: Exclude<IntentAction, 'create'>): boolean {
  return ALLOWED_FROM[action].includes(phase);
}

export function invalidState(state: IntentState, action: IntentAction): ErrorBody {
  return {
    code: 'INVALID_STATE',
    message: `cannot ${action} an intent in status ${state.phase}`,
    details: { status: state.phase, action },
  };
}

/** Moves the intent to a new phase and appends the transition to its history. */
export function transition(state: IntentState, to: IntentPhase, at: Date, entry: { actor?: string; reason?: string } = {}): IntentState {
  const history = isPublic(to) ? [...state.history, { status: to, at: at.toISOString(), ...entry }] : state.history;
  return { ...state, phase: to, history, updatedAt: at.toISOString() };
}

export function toView(state: IntentState): IntentView {
  if (!isPublic(state.phase) || !state.agent || !state.client) {
    throw new Error(`intent ${state.id} is not public yet`);
  }
  const view: IntentView = {
    id: state.id,
    referenceId: state.referenceId,
    type: 'CASH_OUT',
    status: state.phase,
    channel: state.channel,
    amount: state.amount,
    currency: state.currency,
    fees: state.fees,
    totalDebit: state.amount + state.fees,
    commission: state.commission,
    agent: state.agent,
    client: { userId: state.client.userId, phone: state.client.phone },
    initiatorUserId: state.agent.userId,
    createdBy: state.requestedBy.userId,
    expiresAt: state.expiresAt,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    history: state.history,
  };
  if (state.otp?.channel && state.otp.expiresAt) {
    view.otp = {
      channel: state.otp.channel,
      expiresAt: state.otp.expiresAt,
      attemptsLeft: state.otp.attemptsLeft,
      resendsLeft: state.otp.resendsLeft,
    };
  }
  if (state.transactionId) view.transactionId = state.transactionId;
  if (state.failureReason) view.failureReason = state.failureReason;
  return view;
}

/**
 * resolveAgentFromIntent: an admin or operator acts for the intent's agent; anyone else
 * must be that agent. Another agent's intent answers exactly as an intent that does not
 * exist, so that an agent cannot probe ids for existence; other roles may not act at all.
 */
export function resolveAgentFromIntent(state: IntentState, actor: Actor): { agentUserId: string } | ErrorBody {
  const agentUserId = state.agent?.userId;
  const notFound: ErrorBody = { code: 'NOT_FOUND', message: `intent ${state.id} not found` };
  if (!agentUserId) return notFound;
  if (actor.role === 'ADMIN' || actor.role === 'OPERATOR') return { agentUserId };
  if (actor.role === 'AGENT') return actor.userId === agentUserId ? { agentUserId } : notFound;
  return { code: 'FORBIDDEN', message: `a ${actor.role} cannot act on intents` };
}

/** A human-friendly reference: CO- + date + 8 characters of the id. */
export function referenceIdFor(intentId: string, at: Date): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '');
  return `CO-${day}-${intentId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

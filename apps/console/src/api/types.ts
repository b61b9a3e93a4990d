/**
 * The shapes of the gateway's HTTP answers this page reads, as its OpenAPI document
 * (/docs/openapi.json) publishes them. Written out here rather than imported, so the
 * front-end is typed by the HTTP contract alone and bundles nothing of the server.
 * Kept honest by test/api-contract.spec.ts, which holds each shape's property names, which of
 * them are optional, and its enums to the committed document (docs/openapi.json, refreshed by
 * `npm run openapi`; a gateway test fails while it differs from what the gateway serves).
 */
export type Role = 'ADMIN' | 'OPERATOR' | 'AGENT' | 'CLIENT';

export const INTENT_STATUSES = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

export const TERMINAL_STATUSES: readonly IntentStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED'];
export const isTerminal = (status: IntentStatus): boolean => TERMINAL_STATUSES.includes(status);

/** The `error` of the gateway's error answers (the document's Error). */
export interface GatewayErrorBody {
  code: string;
  message: string;
  details?: unknown;
  correlationId: string;
}

/** What an ApiError carries: the gateway's error, or one the console makes up (NETWORK, HTTP_<status>), which has no correlation id. */
export type ErrorBody = Omit<GatewayErrorBody, 'correlationId'> & { correlationId?: string };

/** How an OTP or a notification is delivered. */
export type DeliveryChannel = 'WHATSAPP' | 'SMS' | 'EMAIL';

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; role: Role; phone: string };
}

export interface HistoryEntry {
  status: IntentStatus;
  at: string;
  actor?: string;
  reason?: string;
}

export interface IntentView {
  id: string;
  referenceId: string;
  type: 'CASH_OUT';
  status: IntentStatus;
  channel: 'MOBILE_PRO' | 'CMMS';
  amount: number;
  currency: string;
  fees: number;
  totalDebit: number;
  commission: number;
  agent: { userId: string; phone: string };
  client: { userId: string; phone: string };
  initiatorUserId: string;
  createdBy: string;
  otp?: { channel: DeliveryChannel; expiresAt: string; attemptsLeft: number; resendsLeft: number };
  transactionId?: string;
  failureReason?: string;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  history: HistoryEntry[];
}

export interface IntentPage {
  items: IntentView[];
  nextCursor: string | null;
}

export interface IntentFilters {
  status?: IntentStatus | '';
  agentPhone?: string;
  clientPhone?: string;
  from?: string;
  to?: string;
}

export interface WalletView {
  walletId: string;
  kind: 'MAIN' | 'FLOAT' | 'COMMISSION';
  currency: string;
  balance: number;
  available: number;
}

export interface ReconciliationView {
  balanced: boolean;
  intact?: boolean;
  walletsChecked: number;
  mismatches: { walletId: string; balance: number; postings: number }[];
  totalsByCurrency: Record<string, number>;
  chain?: {
    streams: number;
    lines: number;
    entries: number;
    legacy: { lines: number; entries: number };
    broken: { problem: 'edited' | 'missing' | 'reordered' | 'unchained'; stream?: string; sequence?: number; entryId?: string }[];
    brokenCount: number;
  };
}

export interface ReportFigures {
  currency: string;
  intents: number;
  byStatus: Partial<Record<IntentStatus, number>>;
  volume: number;
  fees: number;
  commission: number;
  timeInState: Partial<Record<IntentStatus, { count: number; totalMs: number }>>;
}

export interface AgentDailyReport {
  agentPhone: string;
  from: string;
  to: string;
  days: (ReportFigures & { day: string })[];
  totals: ReportFigures[];
}

export interface NotificationRecord {
  id: string;
  to: string;
  customerPhone: string;
  intentId?: string;
  channel: DeliveryChannel;
  kind: 'OTP' | 'CASH_OUT_SUCCEEDED' | 'CASH_OUT_FAILED' | 'ACCESS_LOCKED' | 'ACCESS_UNLOCKED';
  status: 'SENT' | 'SKIPPED' | 'COPIED' | 'FAILED';
  provider: string;
  body: string;
  otp?: string;
  createdAt: string;
}

export interface QrToken {
  qrToken: string;
  expiresAt: string;
}

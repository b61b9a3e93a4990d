import { z } from 'zod';

/** E.164: a plus sign, a non-zero country digit, 8 to 15 digits in all. */
export const PhoneSchema = z.string().regex(/^\+[1-9]\d{7,14}$/, 'must be an E.164 phone number such as +2250100000001');

/** Money is always integer minor units; never a float. */
export const MinorUnitsSchema = z.number().int('must be an integer number of minor units').positive('must be positive').max(Number.MAX_SAFE_INTEGER);

export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as XOF');

export const UuidSchema = z.string().uuid();

export const RoleSchema = z.enum(['ADMIN', 'OPERATOR', 'AGENT', 'CLIENT']);
export type Role = z.infer<typeof RoleSchema>;

export const ActorSchema = z.object({ userId: z.string().min(1), role: RoleSchema });
export type Actor = z.infer<typeof ActorSchema>;

export const NotificationChannelSchema = z.enum(['WHATSAPP', 'SMS', 'EMAIL']);
export type NotificationChannel = z.infer<typeof NotificationChannelSchema>;

export const CustomerStatusSchema = z.enum(['ACTIVE', 'SUSPENDED', 'BLOCKED']);
export type CustomerStatus = z.infer<typeof CustomerStatusSchema>;

export const KycTierSchema = z.number().int().min(1).max(3);

export const IntentChannelSchema = z.enum(['MOBILE_PRO', 'CMMS']);
export type IntentChannel = z.infer<typeof IntentChannelSchema>;

export const INTENT_STATUSES = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED'] as const;
export const IntentStatusSchema = z.enum(INTENT_STATUSES);
export type IntentStatus = z.infer<typeof IntentStatusSchema>;

/** Stable error codes of the platform; the gateway alone maps them to HTTP statuses. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_STATE',
  'IDEMPOTENCY_KEY_REUSED',
  'RISK_DENIED',
  'INSUFFICIENT_FUNDS',
  'OTP_INVALID',
  'OTP_EXPIRED',
  'OTP_RESEND_LIMIT',
  'OTP_RESEND_TOO_SOON',
  'OTP_DELIVERY_FAILED',
  'PIN_INVALID',
  'PIN_LOCKED',
  'RATE_LIMITED',
  'BUDGET_EXHAUSTED',
  'TIMEOUT',
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * Budgets against abuse across intents (BUDGET_EXHAUSTED names the one spent): open intents
 * per agent and per client; OTP sends and wrong OTPs per agent and per client in a rolling window.
 */
export const AbuseBudgetSchema = z.enum([
  'OPEN_INTENTS_PER_AGENT',
  'OPEN_INTENTS_PER_CLIENT',
  'OTP_SENDS_PER_AGENT',
  'OTP_SENDS_PER_CLIENT',
  'OTP_FAILURES_PER_AGENT',
  'OTP_FAILURES_PER_CLIENT',
]);
export type AbuseBudget = z.infer<typeof AbuseBudgetSchema>;

export const ErrorDetailsSchema = z.record(z.string(), z.unknown());

export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const HistoryEntrySchema = z.object({
  status: IntentStatusSchema,
  at: z.string(),
  actor: z.string().optional(),
  reason: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** The public shape of an intent (docs/api.md "Intent"). */
export const IntentViewSchema = z.object({
  id: z.string(),
  referenceId: z.string(),
  type: z.literal('CASH_OUT'),
  status: IntentStatusSchema,
  channel: IntentChannelSchema,
  amount: z.number().int(),
  currency: CurrencySchema,
  fees: z.number().int(),
  totalDebit: z.number().int(),
  commission: z.number().int(),
  agent: z.object({ userId: z.string(), phone: PhoneSchema }),
  client: z.object({ userId: z.string(), phone: PhoneSchema }),
  initiatorUserId: z.string(),
  createdBy: z.string(),
  otp: z
    .object({
      channel: NotificationChannelSchema,
      expiresAt: z.string(),
      attemptsLeft: z.number().int(),
      resendsLeft: z.number().int(),
    })
    .optional(),
  transactionId: z.string().optional(),
  failureReason: z.string().optional(),
  expiresAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(HistoryEntrySchema),
});
export type IntentView = z.infer<typeof IntentViewSchema>;

export const WalletKindSchema = z.enum(['MAIN', 'FLOAT', 'COMMISSION']);
export type WalletKind = z.infer<typeof WalletKindSchema>;

export const WalletViewSchema = z.object({
  walletId: z.string(),
  kind: WalletKindSchema,
  currency: CurrencySchema,
  balance: z.number().int(),
  available: z.number().int(),
});
export type WalletView = z.infer<typeof WalletViewSchema>;

export const ReconciliationViewSchema = z.object({
  balanced: z.boolean(),
  walletsChecked: z.number().int(),
  mismatches: z.array(z.object({ walletId: z.string(), balance: z.number().int(), postings: z.number().int() })),
  totalsByCurrency: z.record(z.string(), z.number().int()),
  /** The journal's hash chains verified: nothing edited, removed, moved or unchained. Absent from older ledgers. */
  intact: z.boolean().optional(),
  chain: z
    .object({
      streams: z.number().int(),
      lines: z.number().int(),
      entries: z.number().int(),
      /** Written before the chain: counted, not verified. */
      legacy: z.object({ lines: z.number().int(), entries: z.number().int() }),
      /** The first breaks found (at most 100); brokenCount says how many in all. */
      broken: z.array(
        z.object({
          problem: z.enum(['edited', 'missing', 'reordered', 'unchained']),
          stream: z.string().optional(),
          sequence: z.number().int().optional(),
          entryId: z.string().optional(),
        }),
      ),
      brokenCount: z.number().int(),
    })
    .optional(),
});
export type ReconciliationView = z.infer<typeof ReconciliationViewSchema>;

export const NotificationKindSchema = z.enum(['OTP', 'CASH_OUT_SUCCEEDED', 'CASH_OUT_FAILED', 'ACCESS_LOCKED', 'ACCESS_UNLOCKED']);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const NotificationStatusSchema = z.enum(['SENT', 'SKIPPED', 'COPIED', 'FAILED']);
export type NotificationStatus = z.infer<typeof NotificationStatusSchema>;

/** One message of the sandbox log. `intentId` names the intent it is about (absent only on records older than the field). */
export const NotificationRecordSchema = z.object({
  id: z.string(),
  to: z.string(),
  customerPhone: PhoneSchema,
  intentId: z.string().optional(),
  channel: NotificationChannelSchema,
  kind: NotificationKindSchema,
  status: NotificationStatusSchema,
  provider: z.string(),
  body: z.string(),
  otp: z.string().optional(),
  createdAt: z.string(),
});
export type NotificationRecord = z.infer<typeof NotificationRecordSchema>;

import { z } from 'zod';
import { AbuseBudgetSchema, CurrencySchema, CustomerStatusSchema, KycTierSchema, MinorUnitsSchema } from '../primitives';
import { TOPICS } from '../topics';
import { authMessages } from './auth.messages';

const CashOutCheckSchema = z.object({
  intentId: z.string().min(1),
  stepId: z.string().min(1),
  client: z.object({ userId: z.string(), kycTier: KycTierSchema, status: CustomerStatusSchema }),
  agentUserId: z.string().min(1),
  amount: MinorUnitsSchema,
  currency: CurrencySchema,
  /** The intent's deadline: until then it counts as open for the open-intent caps (absent: not counted). */
  openUntil: z.string().optional(),
});

const RiskDecisionSchema = z.object({
  intentId: z.string(),
  stepId: z.string(),
  approved: z.boolean(),
  reasons: z.array(z.string()),
  /** A refusal because an abuse budget is spent (not a limit): which, and when to try again. */
  budget: z.object({ name: AbuseBudgetSchema, retryAfterSeconds: z.number().int().min(0) }).optional(),
});

/** The parties of an ending intent, so it stops counting as open (absent in version-1 senders: it ages out). */
const EndingSchema = z.object({
  intentId: z.string().min(1),
  agentUserId: z.string().min(1).optional(),
  clientUserId: z.string().min(1).optional(),
});

export const riskMessages = {
  /** Creation-time check: reads the counters, reserves nothing. */
  EvaluateCashOut: { topic: TOPICS.riskCommands, version: 1, schema: CashOutCheckSchema },
  CashOutEvaluated: { topic: TOPICS.riskEvents, version: 1, schema: RiskDecisionSchema },
  /** Confirm-time check: re-checks and reserves atomically, idempotent per intent. */
  ReserveCashOut: { topic: TOPICS.riskCommands, version: 1, schema: CashOutCheckSchema },
  CashOutReserved: { topic: TOPICS.riskEvents, version: 1, schema: RiskDecisionSchema },
  /**
   * An OTP send, through the risk engine on its way to auth: counted in the agent's and the
   * client's OTP-send budgets, then forwarded as IssueOtp (same ids), or refused (OtpSendRefused).
   */
  AdmitOtpSend: {
    topic: TOPICS.riskCommands,
    version: 1,
    schema: authMessages.IssueOtp.schema.extend({ agentUserId: z.string().min(1) }),
  },
  OtpSendRefused: {
    topic: TOPICS.riskEvents,
    version: 1,
    schema: z.object({ intentId: z.string(), otpId: z.string(), budget: AbuseBudgetSchema, retryAfterSeconds: z.number().int().min(0) }),
  },
  ReleaseReservation: { topic: TOPICS.riskCommands, version: 1, schema: EndingSchema },
  CommitReservation: { topic: TOPICS.riskCommands, version: 1, schema: EndingSchema },
} as const;

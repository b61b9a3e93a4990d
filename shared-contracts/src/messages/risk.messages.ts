import { z } from 'zod';
import { AbuseBudgetSchema, CurrencySchema, CustomerStatusSchema, KycTierSchema, MinorUnitsSchema } from '../primitives';
import { TOPICS } from '../topics';

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
  ReleaseReservation: { topic: TOPICS.riskCommands, version: 1, schema: EndingSchema },
  CommitReservation: { topic: TOPICS.riskCommands, version: 1, schema: EndingSchema },
} as const;

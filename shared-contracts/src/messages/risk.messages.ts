import { z } from 'zod';
import { CurrencySchema, CustomerStatusSchema, KycTierSchema, MinorUnitsSchema } from '../primitives';
import { TOPICS } from '../topics';

const CashOutCheckSchema = z.object({
  intentId: z.string().min(1),
  stepId: z.string().min(1),
  client: z.object({ userId: z.string(), kycTier: KycTierSchema, status: CustomerStatusSchema }),
  agentUserId: z.string().min(1),
  amount: MinorUnitsSchema,
  currency: CurrencySchema,
});

const RiskDecisionSchema = z.object({
  intentId: z.string(),
  stepId: z.string(),
  approved: z.boolean(),
  reasons: z.array(z.string()),
});

export const riskMessages = {
  /** Creation-time check: reads the counters, reserves nothing. */
  EvaluateCashOut: { topic: TOPICS.riskCommands, version: 1, schema: CashOutCheckSchema },
  CashOutEvaluated: { topic: TOPICS.riskEvents, version: 1, schema: RiskDecisionSchema },
  /** Confirm-time check: re-checks and reserves atomically, idempotent per intent. */
  ReserveCashOut: { topic: TOPICS.riskCommands, version: 1, schema: CashOutCheckSchema },
  CashOutReserved: { topic: TOPICS.riskEvents, version: 1, schema: RiskDecisionSchema },
  ReleaseReservation: {
    topic: TOPICS.riskCommands,
    version: 1,
    schema: z.object({ intentId: z.string().min(1) }),
  },
  CommitReservation: {
    topic: TOPICS.riskCommands,
    version: 1,
    schema: z.object({ intentId: z.string().min(1) }),
  },
} as const;

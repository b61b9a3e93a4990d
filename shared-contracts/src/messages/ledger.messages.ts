import { z } from 'zod';
import { ActorSchema, CurrencySchema, IntentStatusSchema, MinorUnitsSchema, PhoneSchema } from '../primitives';
import { TOPICS } from '../topics';
import { UtcDaySchema } from './reporting.messages';

const HoldRefSchema = z.object({
  intentId: z.string().min(1),
  walletId: z.string().min(1),
  holdId: z.string().min(1),
});

/**
 * The saga's money movements, as commands to the ledger keyed by the wallet they move, and
 * the ledger's answers keyed by intent. Each is idempotent by its ids (hold id, entry ids
 * derived from the intent), so a redelivery moves nothing twice.
 */
export const ledgerMovementMessages = {
  PlaceHold: {
    topic: TOPICS.ledgerCommands,
    version: 1,
    schema: HoldRefSchema.extend({ stepId: z.string().min(1), amount: MinorUnitsSchema, currency: CurrencySchema }),
  },
  HoldPlaced: {
    topic: TOPICS.ledgerEvents,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      stepId: z.string().min(1),
      holdId: z.string().min(1),
      outcome: z.enum(['PLACED', 'INSUFFICIENT_FUNDS', 'NO_WALLET', 'RELEASED']),
      /** The wallet's available balance when the hold was refused for funds. */
      available: z.number().int().optional(),
    }),
  },
  ReleaseHold: { topic: TOPICS.ledgerCommands, version: 1, schema: HoldRefSchema },
  /** Posts client −(amount + fee), agent float +amount, fees +fee, then the commission. */
  PostCashOut: {
    topic: TOPICS.ledgerCommands,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      stepId: z.string().min(1),
      clientWalletId: z.string().min(1),
      holdId: z.string().min(1).optional(),
      agent: z.object({ userId: z.string().min(1), phone: PhoneSchema }),
      amount: MinorUnitsSchema,
      fee: z.number().int().min(0),
      commission: z.number().int().min(0),
      currency: CurrencySchema,
    }),
  },
  CashOutPosted: {
    topic: TOPICS.ledgerEvents,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      stepId: z.string().min(1),
      transactionId: z.string().min(1),
      clientBalance: z.number().int(),
    }),
  },
  CashOutRefused: {
    topic: TOPICS.ledgerEvents,
    version: 1,
    schema: z.object({ intentId: z.string().min(1), stepId: z.string().min(1), reason: z.string() }),
  },
} as const;

/** Read-side requests answered by ledger-wallets on the gateway's reply topic. */
export const ledgerMessages = {
  GetIntent: {
    topic: TOPICS.ledgerQueries,
    version: 1,
    schema: z.object({ intentId: z.string().min(1), actor: ActorSchema }),
  },
  /**
   * Newest first; every filter optional and combined with the others. The filters came after
   * version 1 as optional fields, so the version stays: older producers' messages still read.
   * An older consumer drops fields it does not know and would list unfiltered: upgrade
   * ledger-wallets before the gateway (consumers before producers, as for every message).
   */
  ListIntents: {
    topic: TOPICS.ledgerQueries,
    version: 1,
    schema: z.object({
      actor: ActorSchema,
      status: IntentStatusSchema.optional(),
      agentPhone: PhoneSchema.optional(),
      clientPhone: PhoneSchema.optional(),
      /** UTC days, both included, on the intent's creation time. */
      from: UtcDaySchema.optional(),
      to: UtcDaySchema.optional(),
      limit: z.number().int().min(1).max(100),
      /** nextCursor of the previous page, valid with the same filters only. */
      cursor: z.string().optional(),
    }),
  },
  GetWallets: {
    topic: TOPICS.ledgerQueries,
    version: 1,
    schema: z.union([z.object({ ownerUserId: z.string().min(1) }), z.object({ phone: PhoneSchema })]),
  },
  GetReconciliation: {
    topic: TOPICS.ledgerQueries,
    version: 1,
    schema: z.object({}),
  },
} as const;

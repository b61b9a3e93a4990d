import { z } from 'zod';
import { ActorSchema, IntentStatusSchema, PhoneSchema } from '../primitives';
import { TOPICS } from '../topics';

/** Read-side requests answered by ledger-wallets on the gateway's reply topic. */
export const ledgerMessages = {
  GetIntent: {
    topic: TOPICS.ledgerQueries,
    version: 1,
    schema: z.object({ intentId: z.string().min(1), actor: ActorSchema }),
  },
  ListIntents: {
    topic: TOPICS.ledgerQueries,
    version: 1,
    schema: z.object({
      actor: ActorSchema,
      status: IntentStatusSchema.optional(),
      limit: z.number().int().min(1).max(100),
      cursor: z.string().optional(),
    }),
  },
  GetWallets: {
    topic: TOPICS.ledgerQueries,
    version: 1,
    schema: z.union([
      z.object({ ownerUserId: z.string().min(1) }),
      z.object({ phone: PhoneSchema }),
    ]),
  },
  GetReconciliation: {
    topic: TOPICS.ledgerQueries,
    version: 1,
    schema: z.object({}),
  },
} as const;

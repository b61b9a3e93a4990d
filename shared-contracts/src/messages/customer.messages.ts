import { z } from 'zod';
import { ActorSchema, CustomerStatusSchema, ErrorBodySchema, IntentChannelSchema, KycTierSchema, NotificationChannelSchema, PhoneSchema } from '../primitives';
import { TOPICS } from '../topics';

export const ClientProfileSchema = z.object({
  userId: z.string(),
  phone: PhoneSchema,
  kycTier: KycTierSchema,
  status: CustomerStatusSchema,
  preferredChannel: NotificationChannelSchema.optional(),
});
export type ClientProfile = z.infer<typeof ClientProfileSchema>;

export const customerMessages = {
  /** resolveAgent + client resolution (by phone or single-use QR token). */
  ResolveParties: {
    topic: TOPICS.customerCommands,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      stepId: z.string().min(1),
      channel: IntentChannelSchema,
      actor: ActorSchema,
      agentPhone: PhoneSchema.optional(),
      clientPhone: PhoneSchema.optional(),
      /** The client's QR token, sealed (see platform's SealedBox): a bearer credential, never in clear on the bus. */
      sealedClientQrToken: z.string().min(1).optional(),
      /** The QR token in clear, as senders of version 1 sent it: still accepted; new senders seal it. */
      clientQrToken: z.string().min(1).optional(),
    }),
  },
  PartiesResolved: {
    topic: TOPICS.customerEvents,
    version: 1,
    schema: z.object({
      intentId: z.string(),
      stepId: z.string(),
      agent: z.object({ userId: z.string(), phone: PhoneSchema }),
      client: ClientProfileSchema,
    }),
  },
  PartiesRejected: {
    topic: TOPICS.customerEvents,
    version: 1,
    schema: z.object({ intentId: z.string(), stepId: z.string(), error: ErrorBodySchema }),
  },
  IssueQrToken: {
    topic: TOPICS.customerCommands,
    version: 1,
    schema: z.object({ actor: ActorSchema }),
  },
} as const;

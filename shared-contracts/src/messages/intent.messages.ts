import { z } from 'zod';
import {
  ActorSchema,
  CurrencySchema,
  IntentChannelSchema,
  IntentStatusSchema,
  IntentViewSchema,
  MinorUnitsSchema,
  PhoneSchema,
} from '../primitives';
import { TOPICS } from '../topics';

/** Commands from the gateway to the intent saga (ledger-wallets), keyed by intent id. */
export const intentMessages = {
  CreateCashOutIntent: {
    topic: TOPICS.intentCommands,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      actor: ActorSchema,
      channel: IntentChannelSchema,
      agentPhone: PhoneSchema.optional(),
      clientPhone: PhoneSchema.optional(),
      /** The client's QR token, sealed (see platform's SealedBox): a bearer credential, never in clear on the bus. */
      sealedClientQrToken: z.string().min(1).optional(),
      /** The QR token in clear, as senders of version 1 sent it: still accepted; new senders seal it. */
      clientQrToken: z.string().min(1).optional(),
      amount: MinorUnitsSchema,
      currency: CurrencySchema,
    }),
  },
  SendIntentOtp: {
    topic: TOPICS.intentCommands,
    version: 1,
    schema: z.object({ intentId: z.string().min(1), actor: ActorSchema }),
  },
  VerifyIntentOtp: {
    topic: TOPICS.intentCommands,
    version: 1,
    /** The OTP travels sealed (see platform's SealedBox): never in clear on the bus. */
    schema: z.object({ intentId: z.string().min(1), actor: ActorSchema, sealedOtp: z.string().min(1) }),
  },
  VerifyIntentPin: {
    topic: TOPICS.intentCommands,
    version: 1,
    /** sealedToken is the agent's own bearer token (Mobile Pro: verifyPin(token, pin)). */
    schema: z.object({
      intentId: z.string().min(1),
      actor: ActorSchema,
      sealedPin: z.string().min(1),
      sealedToken: z.string().min(1).optional(),
    }),
  },
  ConfirmIntent: {
    topic: TOPICS.intentCommands,
    version: 1,
    schema: z.object({ intentId: z.string().min(1), actor: ActorSchema }),
  },
  CancelIntent: {
    topic: TOPICS.intentCommands,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      actor: ActorSchema,
      reason: z.string().max(200).optional(),
    }),
  },
  /** Published by the ledger on every transition: the public history of intents. */
  IntentStateChanged: {
    topic: TOPICS.intentEvents,
    version: 1,
    schema: z.object({
      from: IntentStatusSchema.optional(),
      to: IntentStatusSchema,
      reason: z.string().optional(),
      intent: IntentViewSchema,
    }),
  },
} as const;

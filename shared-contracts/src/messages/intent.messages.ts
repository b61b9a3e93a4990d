import { z } from 'zod';
import {
  ActorSchema,
  CurrencySchema,
  IntentChannelSchema,
  IntentStatusSchema,
  IntentView,
  IntentViewSchema,
  MinorUnitsSchema,
  PhoneSchema,
} from '../primitives';
import { TOPICS } from '../topics';

/**
 * The position of an IntentStateChanged in its intent's life, derived from the view it carries:
 * `sequence` is the number of history entries (each public transition appends one, so it grows
 * by one per event of an intent), `at` the time of the last entry, else of the view's update.
 * The producer and the v1 upcaster both use it, so an upcast event says what a v2 one would.
 */
export function intentTransitionMark(intent: Pick<IntentView, 'history' | 'updatedAt'>): { sequence: number; at: string } {
  return { sequence: intent.history.length, at: intent.history.at(-1)?.at ?? intent.updatedAt };
}

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
  /**
   * Published by the ledger on every transition: the public history of intents.
   * v2 adds `sequence` and `at` (see intentTransitionMark); v1 events, still on the topic for
   * replays, are upcast to them on reading (catalogue.ts).
   */
  IntentStateChanged: {
    topic: TOPICS.intentEvents,
    version: 2,
    schema: z.object({
      from: IntentStatusSchema.optional(),
      to: IntentStatusSchema,
      reason: z.string().optional(),
      /** The intent's version: strictly increasing per intent, so a reader can drop an older view. */
      sequence: z.number().int().positive(),
      /** When this transition happened (ISO time). */
      at: z.string().min(1),
      intent: IntentViewSchema,
    }),
  },
} as const;

import { z } from 'zod';
import { CurrencySchema, NotificationChannelSchema, NotificationStatusSchema, PhoneSchema } from '../primitives';
import { TOPICS } from '../topics';

export const notificationMessages = {
  DeliverOtp: {
    topic: TOPICS.notificationCommands,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      otpId: z.string().min(1),
      sealedOtp: z.string().min(1),
      customerPhone: PhoneSchema,
      preferredChannel: NotificationChannelSchema.optional(),
      expiresAt: z.string(),
    }),
  },
  OtpDispatched: {
    topic: TOPICS.notificationEvents,
    version: 1,
    schema: z.object({
      intentId: z.string(),
      otpId: z.string(),
      channel: NotificationChannelSchema,
      status: NotificationStatusSchema,
      expiresAt: z.string(),
    }),
  },
  NotifyCashOutOutcome: {
    topic: TOPICS.notificationCommands,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      outcome: z.enum(['SUCCEEDED', 'FAILED']),
      customerPhone: PhoneSchema,
      preferredChannel: NotificationChannelSchema.optional(),
      amount: z.number().int(),
      fee: z.number().int(),
      currency: CurrencySchema,
      referenceId: z.string(),
      newBalance: z.number().int().optional(),
      reason: z.string().optional(),
    }),
  },
  ListSandboxNotifications: {
    topic: TOPICS.notificationCommands,
    version: 1,
    // intentId is optional: a v1 query without it stays valid.
    schema: z.object({
      phone: PhoneSchema.optional(),
      intentId: z.string().min(1).max(100).optional(),
      limit: z.number().int().min(1).max(500),
    }),
  },
} as const;

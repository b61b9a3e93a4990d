import { z } from 'zod';
import {
  ErrorBodySchema,
  IntentViewSchema,
  NotificationRecordSchema,
  PhoneSchema,
  ReconciliationViewSchema,
  RoleSchema,
  WalletViewSchema,
} from '../primitives';
import { TOPICS } from '../topics';
import { AgentDailyReportSchema } from './reporting.messages';

/**
 * Answers to the gateway, correlated by the request's correlation id. Every gateway
 * instance reads the whole reply topic (a consumer group of its own), so a rebalance can
 * never strand an answer.
 */
export const ReplyBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('error'), error: ErrorBodySchema }),
  z.object({ kind: z.literal('intent'), intent: IntentViewSchema }),
  z.object({
    kind: z.literal('intent-page'),
    items: z.array(IntentViewSchema),
    nextCursor: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('login'),
    sealedAccessToken: z.string(),
    expiresIn: z.number().int(),
    user: z.object({ id: z.string(), role: RoleSchema, phone: PhoneSchema }),
  }),
  z.object({ kind: z.literal('qr-token'), qrToken: z.string(), expiresAt: z.string() }),
  z.object({
    kind: z.literal('user-unlocked'),
    user: z.object({ id: z.string(), role: RoleSchema, phone: PhoneSchema }),
    /** Whether there was a lock or failures to lift (false: nothing changed). */
    wasLocked: z.boolean(),
  }),
  z.object({ kind: z.literal('wallets'), wallets: z.array(WalletViewSchema) }),
  z.object({ kind: z.literal('reconciliation'), report: ReconciliationViewSchema }),
  z.object({ kind: z.literal('notifications'), records: z.array(NotificationRecordSchema) }),
  z.object({ kind: z.literal('agent-daily-report'), report: AgentDailyReportSchema }),
]);
export type ReplyBody = z.infer<typeof ReplyBodySchema>;

export const gatewayMessages = {
  GatewayReply: { topic: TOPICS.gatewayReplies, version: 1, schema: ReplyBodySchema },
} as const;

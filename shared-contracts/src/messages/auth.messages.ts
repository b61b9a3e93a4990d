import { z } from 'zod';
import { NotificationChannelSchema, PhoneSchema, RoleSchema } from '../primitives';
import { TOPICS } from '../topics';

export const authMessages = {
  Login: {
    topic: TOPICS.authCommands,
    version: 1,
    schema: z.object({ phone: PhoneSchema, sealedPin: z.string().min(1) }),
  },
  IssueOtp: {
    topic: TOPICS.authCommands,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      otpId: z.string().min(1),
      clientUserId: z.string().min(1),
      clientPhone: PhoneSchema,
      preferredChannel: NotificationChannelSchema.optional(),
    }),
  },
  VerifyOtp: {
    topic: TOPICS.authCommands,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      stepId: z.string().min(1),
      otpId: z.string().min(1),
      sealedOtp: z.string().min(1),
      /** The agent at the counter: whose wrong OTPs, across clients, count against one budget. */
      agentUserId: z.string().min(1).optional(),
    }),
  },
  InvalidateOtp: {
    topic: TOPICS.authCommands,
    version: 1,
    schema: z.object({ intentId: z.string().min(1) }),
  },
  VerifyPin: {
    topic: TOPICS.authCommands,
    version: 1,
    schema: z.object({
      intentId: z.string().min(1),
      stepId: z.string().min(1),
      agentUserId: z.string().min(1),
      sealedPin: z.string().min(1),
      /** Present for Mobile Pro (verifyPin(token, pin)); absent for CMMS (verifyPinByUserId). */
      sealedToken: z.string().min(1).optional(),
    }),
  },
  /** Staff (ADMIN) lifting a user's PIN lock: the failures and the locks in a row are forgotten. */
  UnlockUser: {
    topic: TOPICS.authCommands,
    version: 1,
    schema: z.object({ userId: z.string().min(1).max(100), unlockedBy: z.string().min(1).max(100) }),
  },
  OtpVerified: {
    topic: TOPICS.authEvents,
    version: 1,
    schema: z.object({ intentId: z.string(), stepId: z.string() }),
  },
  OtpRejected: {
    topic: TOPICS.authEvents,
    version: 1,
    schema: z.object({
      intentId: z.string(),
      stepId: z.string(),
      reason: z.enum(['INVALID', 'EXPIRED', 'NO_ATTEMPTS_LEFT', 'NOT_FOUND']),
      attemptsLeft: z.number().int().min(0),
      /** NO_ATTEMPTS_LEFT because a budget of wrong OTPs across intents is spent: which, and when it has room again. */
      budget: z.enum(['OTP_FAILURES_PER_AGENT', 'OTP_FAILURES_PER_CLIENT']).optional(),
      retryAfterSeconds: z.number().int().min(0).optional(),
    }),
  },
  PinVerified: {
    topic: TOPICS.authEvents,
    version: 1,
    schema: z.object({ intentId: z.string(), stepId: z.string() }),
  },
  PinRejected: {
    topic: TOPICS.authEvents,
    version: 1,
    schema: z.object({
      intentId: z.string(),
      stepId: z.string(),
      reason: z.enum(['INVALID', 'LOCKED', 'TOKEN_INVALID']),
      attemptsLeft: z.number().int().min(0),
    }),
  },
  /**
   * A user's access changed: a PIN lock began (`LOCKED`, until `lockedUntil`) or staff lifted
   * it (`UNLOCKED`). Every token issued before carries an older `tokenVersion` and is refused
   * by the gateway from then on; the user is told on their phone.
   */
  UserAccessChanged: {
    topic: TOPICS.authAccess,
    version: 1,
    schema: z.object({
      userId: z.string().min(1),
      role: RoleSchema,
      phone: PhoneSchema,
      change: z.enum(['LOCKED', 'UNLOCKED']),
      /** Tokens carrying a lower version are revoked. */
      tokenVersion: z.number().int().min(1),
      lockedUntil: z.string().optional(),
      changedAt: z.string(),
    }),
  },
} as const;

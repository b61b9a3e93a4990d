import { z } from 'zod';
import { PinSchema } from '../login/login.request';

export const VerifyOtpRequestSchema = z.strictObject({
  otp: z.string().regex(/^\d{6}$/, 'must be exactly 6 digits'),
});

export const VerifyPinRequestSchema = z.strictObject({ pin: PinSchema });

export const CancelRequestSchema = z.strictObject({ reason: z.string().trim().min(1).max(200).optional() });

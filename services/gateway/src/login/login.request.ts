import { z } from 'zod';
import { PhoneSchema, RoleSchema } from '@cashout/shared-contracts';

export const PinSchema = z.string().regex(/^\d{4,6}$/, 'must be 4 to 6 digits');

export const LoginRequestSchema = z.strictObject({ phone: PhoneSchema, pin: PinSchema });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const LoginResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  user: z.object({ id: z.string(), role: RoleSchema, phone: PhoneSchema }),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

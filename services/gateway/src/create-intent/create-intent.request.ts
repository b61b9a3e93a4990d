import { z } from 'zod';
import { CurrencySchema, MinorUnitsSchema, PhoneSchema } from '@cashout/shared-contracts';

export const DEFAULT_CURRENCY = 'XOF';

const QrTokenSchema = z.string().min(1).max(2048);

/** Mobile Pro (AGENT): the client by phone or by QR token, exactly one of the two. */
export const AgentCreateIntentSchema = z
  .strictObject({
    amount: MinorUnitsSchema,
    currency: CurrencySchema.optional(),
    clientPhone: PhoneSchema.optional(),
    clientQrToken: QrTokenSchema.optional(),
  })
  .superRefine((body, context) => {
    const given = Number(body.clientPhone !== undefined) + Number(body.clientQrToken !== undefined);
    if (given !== 1) {
      context.addIssue({
        code: 'custom',
        path: [body.clientQrToken !== undefined ? 'clientQrToken' : 'clientPhone'],
        message: 'give exactly one of clientPhone or clientQrToken',
      });
    }
  });
export type AgentCreateIntent = z.infer<typeof AgentCreateIntentSchema>;

/** CMMS (ADMIN, OPERATOR): both parties by phone; QR tokens are a Mobile Pro feature. */
export const StaffCreateIntentSchema = z.strictObject({
  agentPhone: PhoneSchema,
  clientPhone: PhoneSchema,
  amount: MinorUnitsSchema,
  currency: CurrencySchema.optional(),
});
export type StaffCreateIntent = z.infer<typeof StaffCreateIntentSchema>;

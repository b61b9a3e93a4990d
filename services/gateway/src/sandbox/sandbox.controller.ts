import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { NotificationRecord } from '@cashout/shared-contracts';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller } from '../http/request-context';
import { PathIdSchema, validate } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';
import { QueryPhoneSchema } from '../wallets/wallets.controller';

export const DEFAULT_SANDBOX_LIMIT = 50;

export const SandboxQuerySchema = z.strictObject({
  phone: QueryPhoneSchema.optional(),
  intentId: PathIdSchema.optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'must be an integer from 1 to 500')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500'))
    .optional(),
});

/**
 * The notifications sandbox log (it carries plain OTPs), selected by the customer's phone,
 * by the intent, or both; for ADMIN only (with an agent's PIN, an operator who could read
 * OTPs could cash out alone). The module registers this controller in development and test
 * only, so the route answers 404 anywhere else.
 */
@Controller('sandbox')
export class SandboxController {
  constructor(private readonly requester: Requester) {}

  @Get('notifications')
  @Roles('ADMIN')
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown): Promise<NotificationRecord[]> {
    const input = validate(SandboxQuerySchema, query, 'query');
    const reply = await this.requester.request(
      'ListSandboxNotifications',
      {
        limit: input.limit ?? DEFAULT_SANDBOX_LIMIT,
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.intentId !== undefined ? { intentId: input.intentId } : {}),
      },
      { aggregateId: input.intentId ?? input.phone ?? 'sandbox', correlationId: caller.correlationId },
    );
    return expectReply(reply, 'notifications').records;
  }
}

import { Controller, Get, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { CLOCK, Clock, JwtCodec } from '@cashout/platform';
import { NotificationRecord } from '@cashout/shared-contracts';
import { ApiError } from '../http/api-error';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller } from '../http/request-context';
import { PathIdSchema, validate } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';
import { QueryPhoneSchema } from '../wallets/wallets.controller';

export const DEFAULT_SANDBOX_LIMIT = 50;

const LimitSchema = z
  .string()
  .regex(/^\d{1,3}$/, 'must be an integer from 1 to 500')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500'));

export const SandboxQuerySchema = z.strictObject({
  phone: QueryPhoneSchema.optional(),
  intentId: PathIdSchema.optional(),
  limit: LimitSchema.optional(),
});

export const MySandboxQuerySchema = z.strictObject({ limit: LimitSchema.optional() });

/** The records asked of the log per record answered: team copies of the client's messages are filtered out. */
const OVERFETCH = 3;

/**
 * The notifications sandbox log (it carries plain OTPs), selected by the customer's phone,
 * by the intent, or both; for ADMIN only (with an agent's PIN, an operator who could read
 * OTPs could cash out alone). The module registers this controller in development and test
 * only, so the route answers 404 anywhere else.
 */
@Controller('sandbox')
export class SandboxController {
  constructor(
    private readonly requester: Requester,
    private readonly jwt: JwtCodec,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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

  /**
   * The signed-in client's own inbox (the Mobile Pro client simulator shows it): the records
   * addressed to the phone its token names, newest first, OTPs included; the team copies of
   * its messages are someone else's mail and left out. A client sees nothing it was not sent.
   */
  @Get('notifications/mine')
  @Roles('CLIENT')
  async mine(@CurrentCaller() caller: Caller, @Query() query: unknown): Promise<NotificationRecord[]> {
    const input = validate(MySandboxQuerySchema, query, 'query');
    const limit = input.limit ?? DEFAULT_SANDBOX_LIMIT;
    // The guard verified this token a moment ago; its phone claim is the one place the caller's phone is known.
    const phone = (await this.jwt.verify(caller.bearerToken, this.clock.now()))?.phone;
    if (phone === undefined) throw new ApiError('UNAUTHENTICATED', 'the bearer token is invalid or expired');
    const reply = await this.requester.request(
      'ListSandboxNotifications',
      { phone, limit: Math.min(500, limit * OVERFETCH) },
      { aggregateId: phone, correlationId: caller.correlationId },
    );
    return expectReply(reply, 'notifications')
      .records.filter((record) => record.to === phone)
      .slice(0, limit);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { PhoneSchema, WalletView } from '@cashout/shared-contracts';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller } from '../http/request-context';
import { validate } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';

/**
 * An unencoded "+" in a query string decodes to a space; a phone arriving as " 225..." is
 * repaired rather than refused, since scripts and browsers get this wrong so often.
 */
export const QueryPhoneSchema = z.preprocess((value) => (typeof value === 'string' && /^ \d/.test(value) ? `+${value.slice(1)}` : value), PhoneSchema);

export const WalletsQuerySchema = z.strictObject({ phone: QueryPhoneSchema });

@Controller('wallets')
export class WalletsController {
  constructor(private readonly requester: Requester) {}

  @Get('me')
  async mine(@CurrentCaller() caller: Caller): Promise<WalletView[]> {
    const reply = await this.requester.request(
      'GetWallets',
      { ownerUserId: caller.actor.userId },
      { aggregateId: caller.actor.userId, correlationId: caller.correlationId },
    );
    return expectReply(reply, 'wallets').wallets;
  }

  @Get()
  @Roles('ADMIN', 'OPERATOR')
  async byPhone(@CurrentCaller() caller: Caller, @Query() query: unknown): Promise<WalletView[]> {
    const { phone } = validate(WalletsQuerySchema, query, 'query');
    const reply = await this.requester.request('GetWallets', { phone }, { aggregateId: phone, correlationId: caller.correlationId });
    return expectReply(reply, 'wallets').wallets;
  }
}

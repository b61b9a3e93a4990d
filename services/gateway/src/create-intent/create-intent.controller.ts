import { createHash, randomUUID } from 'node:crypto';
import { Body, Controller, Headers, Post, Req, Res } from '@nestjs/common';
import { IntentView, PayloadOf } from '@cashout/shared-contracts';
import { SealedBox } from '@cashout/platform';
import { intentEntryFor } from '../domain/intent-entry';
import { ApiError } from '../http/api-error';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller, GatewayRequest, GatewayResponse } from '../http/request-context';
import { hasOwnField, validate } from '../http/validation';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { Requester, expectReply } from '../messaging/requester';
import { AgentCreateIntentSchema, DEFAULT_CURRENCY, StaffCreateIntentSchema } from './create-intent.request';

/**
 * With an Idempotency-Key the intent id is derived from (caller, key): a retry after a
 * timeout re-sends the same command, which the ledger absorbs, instead of a second intent.
 */
function intentIdFor(userId: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return randomUUID();
  const hex = createHash('sha256').update(`${userId}\n${idempotencyKey}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

@Controller('intents')
export class CreateIntentController {
  constructor(
    private readonly requester: Requester,
    private readonly idempotency: IdempotencyService,
    private readonly sealedBox: SealedBox,
  ) {}

  @Post()
  @Roles('AGENT', 'ADMIN', 'OPERATOR')
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Req() request: GatewayRequest,
    @Res({ passthrough: true }) response: GatewayResponse,
  ): Promise<IntentView> {
    const key = this.idempotency.keyOf(idempotencyKey);
    const command = this.toCommand(caller, body, intentIdFor(caller.actor.userId, key));
    const outcome = await this.idempotency.run({ userId: caller.actor.userId, method: request.method, path: request.path, key, body }, async () => {
      const reply = expectReply(
        await this.requester.request('CreateCashOutIntent', command, {
          aggregateId: command.intentId,
          correlationId: caller.correlationId,
        }),
        'intent',
      );
      return { status: 201, body: reply.intent };
    });
    if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.status(outcome.status);
    return outcome.body;
  }

  private toCommand(caller: Caller, body: unknown, intentId: string): PayloadOf<'CreateCashOutIntent'> {
    const entry = intentEntryFor(caller.actor.role);
    switch (entry.kind) {
      case 'refused':
        throw ApiError.forbidden(entry.reason);
      case 'mobile-pro': {
        if (hasOwnField(body, 'agentPhone')) throw ApiError.forbidden('an agent cannot act as another agent');
        const input = validate(AgentCreateIntentSchema, body);
        return {
          intentId,
          actor: caller.actor,
          channel: entry.channel,
          ...(input.clientPhone !== undefined ? { clientPhone: input.clientPhone } : {}),
          ...(input.clientQrToken !== undefined ? { sealedClientQrToken: this.sealedBox.seal(input.clientQrToken) } : {}),
          amount: input.amount,
          currency: input.currency ?? DEFAULT_CURRENCY,
        };
      }
      case 'cmms': {
        if (hasOwnField(body, 'clientQrToken')) {
          throw ApiError.validation([{ field: 'clientQrToken', message: 'QR tokens are for Mobile Pro; give clientPhone' }]);
        }
        const input = validate(StaffCreateIntentSchema, body);
        return {
          intentId,
          actor: caller.actor,
          channel: entry.channel,
          agentPhone: input.agentPhone,
          clientPhone: input.clientPhone,
          amount: input.amount,
          currency: input.currency ?? DEFAULT_CURRENCY,
        };
      }
    }
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { IntentView } from '@cashout/shared-contracts';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller } from '../http/request-context';
import { validate, validatePathId } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';
import { DEFAULT_PAGE_SIZE, IntentPage, ListIntentsQuerySchema } from './query-intents.request';

/** Reads of intents; who may see which intent is the ledger's decision (agents: their own). */
@Controller('intents')
export class QueryIntentsController {
  constructor(private readonly requester: Requester) {}

  @Get()
  @Roles('AGENT', 'ADMIN', 'OPERATOR')
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown): Promise<IntentPage> {
    const input = validate(ListIntentsQuerySchema, query, 'query');
    const reply = expectReply(
      await this.requester.request(
        'ListIntents',
        {
          actor: caller.actor,
          limit: input.limit ?? DEFAULT_PAGE_SIZE,
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
        },
        { aggregateId: caller.actor.userId, correlationId: caller.correlationId },
      ),
      'intent-page',
    );
    return { items: reply.items, nextCursor: reply.nextCursor };
  }

  @Get(':id')
  @Roles('AGENT', 'ADMIN', 'OPERATOR')
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<IntentView> {
    const intentId = validatePathId(id);
    const reply = expectReply(
      await this.requester.request(
        'GetIntent',
        { intentId, actor: caller.actor },
        { aggregateId: intentId, correlationId: caller.correlationId },
      ),
      'intent',
    );
    return reply.intent;
  }
}

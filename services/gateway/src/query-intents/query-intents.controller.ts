import { Controller, Get, Param, Query } from '@nestjs/common';
import { IntentView, PayloadOf } from '@cashout/shared-contracts';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller } from '../http/request-context';
import { validate, validatePathId } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';
import { DEFAULT_PAGE_SIZE, IntentPage, ListIntentsQuery, ListIntentsQuerySchema } from './query-intents.request';

/** The filters and cursor given, and only those: an absent one is no field of the message. */
function filtersOf(input: ListIntentsQuery): Omit<PayloadOf<'ListIntents'>, 'actor' | 'limit'> {
  return {
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.agentPhone !== undefined ? { agentPhone: input.agentPhone } : {}),
    ...(input.clientPhone !== undefined ? { clientPhone: input.clientPhone } : {}),
    ...(input.from !== undefined ? { from: input.from } : {}),
    ...(input.to !== undefined ? { to: input.to } : {}),
    ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
  };
}

/**
 * Reads of intents; who may see which intent is the ledger's decision (agents: their own,
 * so an agent filtering on another agent's phone gets an empty page, never that agent's).
 */
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
          ...filtersOf(input),
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
      await this.requester.request('GetIntent', { intentId, actor: caller.actor }, { aggregateId: intentId, correlationId: caller.correlationId }),
      'intent',
    );
    return reply.intent;
  }
}

import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller, GatewayResponse } from '../http/request-context';
import { validatePathId } from '../http/validation';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { Requester, expectReply } from '../messaging/requester';
import { IntentStreams } from './intent-streams';
import { KEEP_ALIVE_MS } from './intent-event-stream';

/**
 * The live view of one intent (the console follows an intent with it): Server-Sent Events
 * over a plain GET, authenticated by the bearer header like every route (the console reads
 * it with fetch, so the token never goes in a URL). Who may watch which intent is the
 * ledger's decision, as for GET /intents/:id: another agent's intent, or an unknown one, is
 * the same 404, answered before the stream starts.
 */
@Controller('intents')
export class IntentStreamController {
  constructor(
    private readonly requester: Requester,
    private readonly streams: IntentStreams,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get(':id/events')
  @Roles('AGENT', 'ADMIN', 'OPERATOR')
  async events(@CurrentCaller() caller: Caller, @Param('id') id: string, @Res() response: GatewayResponse): Promise<void> {
    const intentId = validatePathId(id);
    // Registered before the read: a transition between the two waits in the stream.
    const stream = this.streams.open(intentId, caller.actor.userId, response);
    response.on('close', () => stream.end());
    try {
      const reply = await this.requester.request(
        'GetIntent',
        { intentId, actor: caller.actor },
        { aggregateId: intentId, correlationId: caller.correlationId },
      );
      const intent = expectReply(reply, 'intent').intent;
      stream.start(intent, { keepAliveMs: KEEP_ALIVE_MS, maxMs: this.config.streamMaxSeconds * 1000 });
    } catch (error) {
      // Nothing was written yet: the error filter answers in the usual shape.
      stream.end();
      throw error;
    }
  }
}

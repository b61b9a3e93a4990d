import { Body, Controller, Headers, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IntentView } from '@cashout/shared-contracts';
import { confirmFallbackHttpStatus, confirmHttpStatus } from '../domain/confirm-outcome';
import { ApiError } from '../http/api-error';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller, GatewayRequest } from '../http/request-context';
import { validateEmptyBody, validatePathId } from '../http/validation';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { Requester, expectReply } from '../messaging/requester';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

/**
 * Confirm moves money, so the answer may take a while: the gateway waits CONFIRM_WAIT_MS
 * for the outcome, then answers 202 with the intent as it stands, and the caller polls.
 */
@Controller('intents/:id')
export class ConfirmIntentController {
  constructor(
    private readonly requester: Requester,
    private readonly idempotency: IdempotencyService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('confirm')
  @Roles('AGENT', 'ADMIN', 'OPERATOR')
  async confirm(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: unknown,
    @Req() request: GatewayRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IntentView> {
    const intentId = validatePathId(id);
    validateEmptyBody(body);
    const outcome = await this.idempotency.run(
      { userId: caller.actor.userId, method: request.method, path: request.path, key: idempotencyKey, body: body ?? {} },
      () => this.confirmAndWait(caller, intentId),
    );
    if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.status(outcome.status);
    return outcome.body;
  }

  private async confirmAndWait(caller: Caller, intentId: string): Promise<{ status: number; body: IntentView }> {
    const actor = caller.actor;
    try {
      const reply = await this.requester.request(
        'ConfirmIntent',
        { intentId, actor },
        { aggregateId: intentId, correlationId: caller.correlationId, timeoutMs: this.config.confirmWaitMs },
      );
      const intent = expectReply(reply, 'intent').intent;
      return { status: confirmHttpStatus(intent.status), body: intent };
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'TIMEOUT') throw error;
    }
    const current = expectReply(
      await this.requester.request('GetIntent', { intentId, actor }, { aggregateId: intentId, correlationId: caller.correlationId }),
      'intent',
    ).intent;
    return { status: confirmFallbackHttpStatus(current.status), body: current };
  }
}

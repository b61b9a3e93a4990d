import { Body, Controller, Headers, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { IntentView, ReplyBody } from '@cashout/shared-contracts';
import { confirmAfterWait, confirmHttpStatus } from '../http/confirm-outcome';
import { ApiError } from '../http/api-error';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller, GatewayRequest, GatewayResponse } from '../http/request-context';
import { validateEmptyBody, validatePathId } from '../http/validation';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { Requester, expectReply } from '../messaging/requester';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

/** A request's outcome as a value: observed at once, so it never rejects unobserved. */
type Settled = { ok: true; reply: ReplyBody } | { ok: false; error: unknown };

function settledOf(reply: Promise<ReplyBody>): Promise<Settled> {
  return reply.then(
    (body): Settled => ({ ok: true, reply: body }),
    (error: unknown): Settled => ({ ok: false, error }),
  );
}

const timedOut = (outcome: Settled): boolean => !outcome.ok && outcome.error instanceof ApiError && outcome.error.code === 'TIMEOUT';

/** Whichever came first after the confirm wait: the intent read, or the confirm's answer. */
type FirstAnswer = { source: 'read' | 'confirm'; outcome: Settled };

/** The outcome if it comes within `ms`, else undefined; the timer does not outlive the wait. */
async function within(outcome: Promise<Settled>, ms: number): Promise<Settled | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([outcome, elapsed]);
  } finally {
    clearTimeout(timer);
  }
}

/** The answer to the confirm itself: its intent (202 while PROCESSING), or its refusal. */
function confirmAnswer(outcome: Settled): { status: number; body: IntentView } {
  if (!outcome.ok) throw outcome.error;
  const intent = expectReply(outcome.reply, 'intent').intent;
  return { status: confirmHttpStatus(intent.status), body: intent };
}

/**
 * Confirm moves money, so the answer may take a while. The gateway waits CONFIRM_WAIT_MS for
 * the confirm's answer, then reads the intent: PROCESSING (accepted, money in flight) is a
 * 202 and the caller polls; a final state is a 200. Before PROCESSING the confirm's own
 * checks (funds hold, risk confirm) are still running and may refuse it, so the gateway
 * keeps waiting for its answer, up to the reply timeout, then answers TIMEOUT (the caller
 * may retry: confirm is idempotent).
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
    @Res({ passthrough: true }) response: GatewayResponse,
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
    const context = { aggregateId: intentId, correlationId: caller.correlationId };
    // The confirm's waiter lives as long as any request's, and at least the confirm wait.
    const confirmed = settledOf(
      this.requester.request('ConfirmIntent', { intentId, actor }, { ...context, timeoutMs: Math.max(this.config.replyTimeoutMs, this.config.confirmWaitMs) }),
    );
    const early = await within(confirmed, this.config.confirmWaitMs);
    if (early && !timedOut(early)) return confirmAnswer(early);

    // The confirm's waiter stays alive during the read: an answer arriving meanwhile wins.
    const read = settledOf(this.requester.request('GetIntent', { intentId, actor }, context));
    const fromRead = read.then((outcome): FirstAnswer => ({ source: 'read', outcome }));
    const first = await Promise.race([
      fromRead,
      confirmed.then((outcome): FirstAnswer | Promise<FirstAnswer> => (timedOut(outcome) ? fromRead : { source: 'confirm', outcome })),
    ]);
    if (first.source === 'confirm') return confirmAnswer(first.outcome);
    if (!first.outcome.ok) throw first.outcome.error;
    const current = expectReply(first.outcome.reply, 'intent').intent;
    const next = confirmAfterWait(current.status);
    if (next.kind === 'answer') return { status: next.status, body: current };
    return confirmAnswer(await confirmed);
  }
}

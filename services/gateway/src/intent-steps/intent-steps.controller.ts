import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { SealedBox } from '@cashout/platform';
import { IntentView, MessageType, PayloadOf } from '@cashout/shared-contracts';
import { forwardsBearerTokenForPin } from '../domain/intent-entry';
import { CurrentCaller, Roles } from '../http/access.decorators';
import { Caller } from '../http/request-context';
import { validate, validateEmptyBody, validatePathId } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';
import { CancelRequestSchema, VerifyOtpRequestSchema, VerifyPinRequestSchema } from './intent-steps.request';

type StepCommand = Extract<MessageType, 'SendIntentOtp' | 'VerifyIntentOtp' | 'VerifyIntentPin' | 'CancelIntent'>;

/**
 * The steps of an intent before confirmation. Secrets (OTP, PIN, the agent's token) are
 * sealed here, at the edge, and never cross the bus in clear. Ownership (an agent touching
 * another agent's intent) is checked by the ledger; its refusal comes back as FORBIDDEN.
 */
@Controller('intents/:id')
@Roles('AGENT', 'ADMIN', 'OPERATOR')
export class IntentStepsController {
  constructor(
    private readonly requester: Requester,
    private readonly sealedBox: SealedBox,
  ) {}

  @Post('send-otp')
  @HttpCode(200)
  async sendOtp(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown): Promise<IntentView> {
    const intentId = validatePathId(id);
    validateEmptyBody(body);
    return this.send(caller, 'SendIntentOtp', { intentId, actor: caller.actor });
  }

  @Post('verify-otp')
  @HttpCode(200)
  async verifyOtp(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown): Promise<IntentView> {
    const intentId = validatePathId(id);
    const { otp } = validate(VerifyOtpRequestSchema, body);
    return this.send(caller, 'VerifyIntentOtp', { intentId, actor: caller.actor, sealedOtp: this.sealedBox.seal(otp) });
  }

  @Post('verify-pin')
  @HttpCode(200)
  async verifyPin(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown): Promise<IntentView> {
    const intentId = validatePathId(id);
    const { pin } = validate(VerifyPinRequestSchema, body);
    // Mobile Pro verifies the PIN with the agent's own token; CMMS by the agent's user id.
    const sealedToken = forwardsBearerTokenForPin(caller.actor.role) ? this.sealedBox.seal(caller.bearerToken) : undefined;
    return this.send(caller, 'VerifyIntentPin', {
      intentId,
      actor: caller.actor,
      sealedPin: this.sealedBox.seal(pin),
      ...(sealedToken !== undefined ? { sealedToken } : {}),
    });
  }

  @Post('cancel')
  @HttpCode(200)
  async cancel(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown): Promise<IntentView> {
    const intentId = validatePathId(id);
    const { reason } = validate(CancelRequestSchema, body ?? {});
    return this.send(caller, 'CancelIntent', { intentId, actor: caller.actor, ...(reason !== undefined ? { reason } : {}) });
  }

  private async send<T extends StepCommand>(caller: Caller, type: T, payload: PayloadOf<T> & { intentId: string }): Promise<IntentView> {
    const reply = await this.requester.request(type, payload, {
      aggregateId: payload.intentId,
      correlationId: caller.correlationId,
    });
    return expectReply(reply, 'intent').intent;
  }
}

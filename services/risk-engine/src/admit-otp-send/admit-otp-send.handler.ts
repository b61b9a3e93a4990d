import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory } from '@cashout/platform';
import { BUDGETS_REPOSITORY, BudgetsRepository } from '../budgets.repository.port';
import { budgetOfKey, otpSendClaims } from '../domain/abuse-budgets';
import { RISK_CONFIG, RiskConfig } from '../risk.config';
import { AdmitOtpSendCommand } from './admit-otp-send.command';

/**
 * Each OTP send costs an SMS or a message and gives a guesser a fresh code: the agent's and
 * the client's sends in a rolling window are budgeted. An admitted send is passed on to auth
 * as IssueOtp with the same ids; a refused one is answered OtpSendRefused. Admission is
 * idempotent per OTP id, so a redelivery (or the saga asking again) is passed on again
 * without counting twice, and auth issues one OTP per id.
 */
@CommandHandler(AdmitOtpSendCommand)
export class AdmitOtpSendHandler implements ICommandHandler<AdmitOtpSendCommand> {
  private readonly logger = new Logger(AdmitOtpSendHandler.name);

  constructor(
    @Inject(BUDGETS_REPOSITORY) private readonly budgets: BudgetsRepository,
    @Inject(RISK_CONFIG) private readonly config: RiskConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly messages: MessageFactory,
  ) {}

  async execute({ message }: AdmitOtpSendCommand): Promise<void> {
    const { agentUserId, ...issue } = message.payload;
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.config.budgets.otpSendWindowSeconds * 1000);
    const claims = otpSendClaims({ agentUserId, clientUserId: issue.clientUserId }, this.config.budgets);
    const admission = await this.budgets.admit(issue.otpId, claims, until, now);
    if (admission.admitted) {
      await this.bus.publish([this.messages.reply(message, 'IssueOtp', issue, issue.intentId)]);
      return;
    }
    const budget = budgetOfKey(admission.key);
    this.logger.warn(`OTP send ${issue.otpId} for intent ${issue.intentId} refused: ${budget} spent`);
    const retryAfterSeconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
    await this.bus.publish([
      this.messages.reply(message, 'OtpSendRefused', { intentId: issue.intentId, otpId: issue.otpId, budget, retryAfterSeconds }, issue.intentId),
    ]);
  }
}

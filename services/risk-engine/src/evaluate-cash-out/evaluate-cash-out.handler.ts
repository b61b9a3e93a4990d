import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory } from '@cashout/platform';
import { evaluateCashOut } from '../domain/evaluate-cash-out';
import { RISK_CONFIG, RiskConfig } from '../risk.config';
import { RISK_COUNTERS_REPOSITORY, RiskCountersRepository } from '../risk-counters.repository.port';
import { EvaluateCashOutCommand } from './evaluate-cash-out.command';

/** Answers CashOutEvaluated; reads the counters only, so a redelivery simply answers again. */
@CommandHandler(EvaluateCashOutCommand)
export class EvaluateCashOutHandler implements ICommandHandler<EvaluateCashOutCommand> {
  private readonly logger = new Logger(EvaluateCashOutHandler.name);

  constructor(
    @Inject(RISK_COUNTERS_REPOSITORY) private readonly counters: RiskCountersRepository,
    @Inject(RISK_CONFIG) private readonly config: RiskConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly messages: MessageFactory,
  ) {}

  async execute({ message }: EvaluateCashOutCommand): Promise<void> {
    const { intentId, stepId, client, agentUserId } = message.payload;
    const usage = await this.counters.usageFor(client.userId, agentUserId, this.clock.now());
    const reasons = evaluateCashOut(this.config.limits, usage, message.payload);
    if (reasons.length > 0) this.logger.log(`cash-out ${intentId} refused at evaluation: ${reasons.join(', ')}`);
    await this.bus.publish([
      this.messages.reply(message, 'CashOutEvaluated', { intentId, stepId, approved: reasons.length === 0, reasons }),
    ]);
  }
}

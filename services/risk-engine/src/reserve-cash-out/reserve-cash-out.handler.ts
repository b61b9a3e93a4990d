import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory } from '@cashout/platform';
import { evaluateCashOut } from '../domain/evaluate-cash-out';
import { RISK_CONFIG, RiskConfig } from '../risk.config';
import { RISK_COUNTERS_REPOSITORY, RiskCountersRepository } from '../risk-counters.repository.port';
import { ReserveCashOutCommand } from './reserve-cash-out.command';

/**
 * Answers CashOutReserved. The reservation is idempotent per intent, so a redelivery
 * answers approved again without reserving twice; no outbox is needed.
 */
@CommandHandler(ReserveCashOutCommand)
export class ReserveCashOutHandler implements ICommandHandler<ReserveCashOutCommand> {
  private readonly logger = new Logger(ReserveCashOutHandler.name);

  constructor(
    @Inject(RISK_COUNTERS_REPOSITORY) private readonly counters: RiskCountersRepository,
    @Inject(RISK_CONFIG) private readonly config: RiskConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly messages: MessageFactory,
  ) {}

  async execute({ message }: ReserveCashOutCommand): Promise<void> {
    const request = message.payload;
    const { intentId, stepId } = request;
    const result = await this.counters.reserveIfAllowed(
      { intentId, clientId: request.client.userId, agentId: request.agentUserId, amount: request.amount, currency: request.currency },
      (usage) => evaluateCashOut(this.config.limits, usage, request),
      this.clock.now(),
    );
    if (result.outcome === 'refused') {
      this.logger.log(`cash-out ${intentId} refused at reservation: ${result.reasons.join(', ')}`);
    }
    await this.bus.publish([
      this.messages.reply(message, 'CashOutReserved', {
        intentId,
        stepId,
        approved: result.outcome !== 'refused',
        reasons: result.reasons,
      }),
    ]);
  }
}

import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory } from '@cashout/platform';
import { PayloadOf } from '@cashout/shared-contracts';
import { BUDGETS_REPOSITORY, BudgetsRepository } from '../budgets.repository.port';
import { budgetOfKey, openIntentClaims } from '../domain/abuse-budgets';
import { evaluateCashOut } from '../domain/evaluate-cash-out';
import { RISK_CONFIG, RiskConfig } from '../risk.config';
import { RISK_COUNTERS_REPOSITORY, RiskCountersRepository } from '../risk-counters.repository.port';
import { EvaluateCashOutCommand } from './evaluate-cash-out.command';

type Decision = Omit<PayloadOf<'CashOutEvaluated'>, 'intentId' | 'stepId'>;

/**
 * Answers CashOutEvaluated. The limits only read the counters; an approved intent then takes
 * a place among its agent's and its client's open intents until it ends or passes its
 * deadline (idempotent per intent, so a redelivery answers the same way).
 */
@CommandHandler(EvaluateCashOutCommand)
export class EvaluateCashOutHandler implements ICommandHandler<EvaluateCashOutCommand> {
  private readonly logger = new Logger(EvaluateCashOutHandler.name);

  constructor(
    @Inject(RISK_COUNTERS_REPOSITORY) private readonly counters: RiskCountersRepository,
    @Inject(BUDGETS_REPOSITORY) private readonly budgets: BudgetsRepository,
    @Inject(RISK_CONFIG) private readonly config: RiskConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly messages: MessageFactory,
  ) {}

  async execute({ message }: EvaluateCashOutCommand): Promise<void> {
    const { intentId, stepId } = message.payload;
    const decision = await this.decide(message.payload);
    if (!decision.approved) this.logger.log(`cash-out ${intentId} refused at evaluation: ${decision.reasons.join(', ')}`);
    await this.bus.publish([this.messages.reply(message, 'CashOutEvaluated', { intentId, stepId, ...decision })]);
  }

  private async decide(check: PayloadOf<'EvaluateCashOut'>): Promise<Decision> {
    const now = this.clock.now();
    const usage = await this.counters.usageFor(check.client.userId, check.agentUserId, now);
    const reasons = evaluateCashOut(this.config.limits, usage, check);
    if (reasons.length > 0 || check.openUntil === undefined) return { approved: reasons.length === 0, reasons };
    const claims = openIntentClaims({ agentUserId: check.agentUserId, clientUserId: check.client.userId }, this.config.budgets);
    const admission = await this.budgets.admit(check.intentId, claims, new Date(check.openUntil), now);
    if (admission.admitted) return { approved: true, reasons: [] };
    const name = budgetOfKey(admission.key);
    return { approved: false, reasons: [name], budget: { name, retryAfterSeconds: Math.max(1, Math.ceil(admission.retryAfterMs / 1000)) } };
  }
}

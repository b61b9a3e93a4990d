import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { admit, afterHold, holdIdFor, onReserved } from '../domain/intent-saga';
import { intentNotFound, waiterFor } from '../intent-request';
import { IntentWorkflow } from '../intent-workflow';
import { ConfirmIntentCommand, RecordReservationCommand } from './confirm-intent.commands';
import { SettlementService } from './settlement.service';

@CommandHandler(ConfirmIntentCommand)
export class ConfirmIntentHandler implements ICommandHandler<ConfirmIntentCommand> {
  constructor(
    private readonly workflow: IntentWorkflow,
    private readonly settlement: SettlementService,
  ) {}

  /**
   * Holds the client's funds first (balance check and set-aside in one atomic step), then
   * asks the risk engine to confirm. A hold this call placed but could not record on the
   * intent (it changed meanwhile) is released again, so no funds stay stuck.
   */
  async execute({ message }: ConfirmIntentCommand): Promise<void> {
    const { intentId, actor } = message.payload;
    const to = waiterFor(message, 'confirm');
    let placedHold = false;
    await this.workflow.apply(
      intentId,
      message,
      async (state, context) => {
        const gate = admit(state, actor, 'confirm', to);
        if (!gate.ok) {
          if (!placedHold) return gate.decision;
          return { ...gate.decision, effects: [...gate.decision.effects, { kind: 'release-hold', holdId: holdIdFor(intentId) }] };
        }
        const hold = await this.settlement.holdClientFunds(state);
        if (hold.kind === 'placed') placedHold = true;
        return afterHold(state, hold, to, context);
      },
      () => intentNotFound(message, intentId, 'confirm'),
    );
  }
}

@CommandHandler(RecordReservationCommand)
export class RecordReservationHandler implements ICommandHandler<RecordReservationCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: RecordReservationCommand): Promise<void> {
    await this.workflow.apply(message.payload.intentId, message, (state, context) => onReserved(state, message.payload, context));
  }
}

import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IntentSagaWorkflow } from '../intent-saga.workflow';
import { DriveIntentCommand } from './drive-intent.command';
import { intentNotFound, sagaInputOf } from './saga-input';

/** Every other request and outcome: one decision of the saga on the intent's stream. */
@CommandHandler(DriveIntentCommand)
export class DriveIntentHandler implements ICommandHandler<DriveIntentCommand> {
  constructor(private readonly workflow: IntentSagaWorkflow) {}

  async execute({ message }: DriveIntentCommand): Promise<void> {
    await this.workflow.apply(message.payload.intentId, message, sagaInputOf(message), () => intentNotFound(message));
  }
}

import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';
import { startCreation } from '../domain/intent-saga';
import { IntentSagaWorkflow } from '../intent-saga.workflow';
import { intentNotFound, SagaMessage, sagaInputOf } from './saga-input';

export class CreateIntentCommand {
  constructor(readonly message: Message<'CreateCashOutIntent'>) {}
}

export class DriveIntentCommand {
  constructor(readonly message: SagaMessage) {}
}

/** A create starts the intent's stream; a repeated one answers with what creation became. */
@CommandHandler(CreateIntentCommand)
export class CreateIntentHandler implements ICommandHandler<CreateIntentCommand> {
  constructor(private readonly workflow: IntentSagaWorkflow) {}

  async execute({ message }: CreateIntentCommand): Promise<void> {
    const created = await this.workflow.create(startCreation(message, this.workflow.context()), message);
    if (!created) await this.workflow.apply(message.payload.intentId, message, { kind: 'repeated-create', message });
  }
}

/** Every other request and outcome: one decision of the saga on the intent's stream. */
@CommandHandler(DriveIntentCommand)
export class DriveIntentHandler implements ICommandHandler<DriveIntentCommand> {
  constructor(private readonly workflow: IntentSagaWorkflow) {}

  async execute({ message }: DriveIntentCommand): Promise<void> {
    await this.workflow.apply(message.payload.intentId, message, sagaInputOf(message), () => intentNotFound(message));
  }
}

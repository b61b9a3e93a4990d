import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { onEvaluated, onPartiesRejected, onPartiesResolved, repeatCreation, startCreation } from '../domain/intent-saga';
import { IntentWorkflow } from '../intent-workflow';
import { CreateIntentCommand, RecordEvaluationCommand, RecordPartiesCommand } from './create-intent.commands';

@CommandHandler(CreateIntentCommand)
export class CreateIntentHandler implements ICommandHandler<CreateIntentCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: CreateIntentCommand): Promise<void> {
    const created = await this.workflow.create(startCreation(message, this.workflow.context()), message);
    if (!created) await this.workflow.apply(message.payload.intentId, message, (state) => repeatCreation(state, message));
  }
}

@CommandHandler(RecordPartiesCommand)
export class RecordPartiesHandler implements ICommandHandler<RecordPartiesCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: RecordPartiesCommand): Promise<void> {
    await this.workflow.apply(message.payload.intentId, message, (state, context) =>
      message.type === 'PartiesResolved'
        ? onPartiesResolved(state, message.payload, context)
        : onPartiesRejected(state, message.payload),
    );
  }
}

@CommandHandler(RecordEvaluationCommand)
export class RecordEvaluationHandler implements ICommandHandler<RecordEvaluationCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: RecordEvaluationCommand): Promise<void> {
    await this.workflow.apply(message.payload.intentId, message, (state, context) => onEvaluated(state, message.payload, context));
  }
}

import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { startCreation } from '../domain/intent-saga';
import { IntentSagaWorkflow } from '../intent-saga.workflow';
import { CreateIntentCommand } from './create-intent.command';

/** A create starts the intent's stream; a repeated one answers with what creation became. */
@CommandHandler(CreateIntentCommand)
export class CreateIntentHandler implements ICommandHandler<CreateIntentCommand> {
  constructor(private readonly workflow: IntentSagaWorkflow) {}

  async execute({ message }: CreateIntentCommand): Promise<void> {
    const created = await this.workflow.create(startCreation(message, this.workflow.context()), message);
    if (!created) await this.workflow.apply(message.payload.intentId, message, { kind: 'repeated-create', message });
  }
}

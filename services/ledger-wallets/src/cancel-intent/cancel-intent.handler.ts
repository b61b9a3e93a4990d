import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';
import { admit, cancel } from '../domain/intent-saga';
import { intentNotFound, waiterFor } from '../intent-request';
import { IntentWorkflow } from '../intent-workflow';

export class CancelIntentCommand {
  constructor(readonly message: Message<'CancelIntent'>) {}
}

@CommandHandler(CancelIntentCommand)
export class CancelIntentHandler implements ICommandHandler<CancelIntentCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: CancelIntentCommand): Promise<void> {
    const { intentId, actor, reason } = message.payload;
    const to = waiterFor(message, 'cancel');
    await this.workflow.apply(
      intentId,
      message,
      (state, context) => {
        const gate = admit(state, actor, 'cancel', to);
        return gate.ok ? cancel(state, actor, reason, to, context) : gate.decision;
      },
      () => intentNotFound(message, intentId, 'cancel'),
    );
  }
}

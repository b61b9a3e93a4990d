import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { admit, onPinRejected, onPinVerified, requestPinCheck } from '../domain/intent-saga';
import { intentNotFound, waiterFor } from '../intent-request';
import { IntentWorkflow } from '../intent-workflow';
import { RecordPinCheckCommand, VerifyPinCommand } from './verify-pin.commands';

@CommandHandler(VerifyPinCommand)
export class VerifyPinHandler implements ICommandHandler<VerifyPinCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: VerifyPinCommand): Promise<void> {
    const { intentId, actor, sealedPin, sealedToken } = message.payload;
    const to = waiterFor(message, 'verify-pin');
    await this.workflow.apply(
      intentId,
      message,
      (state, context) => {
        const gate = admit(state, actor, 'verify-pin', to);
        return gate.ok ? requestPinCheck(state, { sealedPin, sealedToken }, to, context) : gate.decision;
      },
      () => intentNotFound(message, intentId, 'verify-pin'),
    );
  }
}

@CommandHandler(RecordPinCheckCommand)
export class RecordPinCheckHandler implements ICommandHandler<RecordPinCheckCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: RecordPinCheckCommand): Promise<void> {
    await this.workflow.apply(message.payload.intentId, message, (state, context) =>
      message.type === 'PinVerified'
        ? onPinVerified(state, message.payload, context)
        : onPinRejected(state, message.payload, context),
    );
  }
}

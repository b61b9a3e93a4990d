import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { admit, onOtpDispatched, requestOtp } from '../domain/intent-saga';
import { intentNotFound, waiterFor } from '../intent-request';
import { IntentWorkflow } from '../intent-workflow';
import { RecordOtpDispatchCommand, SendOtpCommand } from './send-otp.commands';

@CommandHandler(SendOtpCommand)
export class SendOtpHandler implements ICommandHandler<SendOtpCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: SendOtpCommand): Promise<void> {
    const { intentId, actor } = message.payload;
    const to = waiterFor(message, 'send-otp');
    await this.workflow.apply(
      intentId,
      message,
      (state, context) => {
        const gate = admit(state, actor, 'send-otp', to);
        return gate.ok ? requestOtp(state, to, context) : gate.decision;
      },
      () => intentNotFound(message, intentId, 'send-otp'),
    );
  }
}

@CommandHandler(RecordOtpDispatchCommand)
export class RecordOtpDispatchHandler implements ICommandHandler<RecordOtpDispatchCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: RecordOtpDispatchCommand): Promise<void> {
    await this.workflow.apply(message.payload.intentId, message, (state, context) => onOtpDispatched(state, message.payload, context));
  }
}

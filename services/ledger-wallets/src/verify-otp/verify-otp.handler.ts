import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { admit, onOtpRejected, onOtpVerified, requestOtpCheck } from '../domain/intent-saga';
import { intentNotFound, waiterFor } from '../intent-request';
import { IntentWorkflow } from '../intent-workflow';
import { RecordOtpCheckCommand, VerifyOtpCommand } from './verify-otp.commands';

@CommandHandler(VerifyOtpCommand)
export class VerifyOtpHandler implements ICommandHandler<VerifyOtpCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: VerifyOtpCommand): Promise<void> {
    const { intentId, actor, sealedOtp } = message.payload;
    const to = waiterFor(message, 'verify-otp');
    await this.workflow.apply(
      intentId,
      message,
      (state, context) => {
        const gate = admit(state, actor, 'verify-otp', to);
        return gate.ok ? requestOtpCheck(state, sealedOtp, to, context) : gate.decision;
      },
      () => intentNotFound(message, intentId, 'verify-otp'),
    );
  }
}

@CommandHandler(RecordOtpCheckCommand)
export class RecordOtpCheckHandler implements ICommandHandler<RecordOtpCheckCommand> {
  constructor(private readonly workflow: IntentWorkflow) {}

  async execute({ message }: RecordOtpCheckCommand): Promise<void> {
    await this.workflow.apply(message.payload.intentId, message, (state, context) =>
      message.type === 'OtpVerified'
        ? onOtpVerified(state, message.payload, context)
        : onOtpRejected(state, message.payload, context),
    );
  }
}

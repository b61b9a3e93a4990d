import { Message } from '@cashout/shared-contracts';

export class SendOtpCommand {
  constructor(readonly message: Message<'SendIntentOtp'>) {}
}

export class RecordOtpDispatchCommand {
  constructor(readonly message: Message<'OtpDispatched'>) {}
}

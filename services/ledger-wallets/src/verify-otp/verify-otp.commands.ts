import { Message } from '@cashout/shared-contracts';

export class VerifyOtpCommand {
  constructor(readonly message: Message<'VerifyIntentOtp'>) {}
}

export class RecordOtpCheckCommand {
  constructor(readonly message: Message<'OtpVerified' | 'OtpRejected'>) {}
}

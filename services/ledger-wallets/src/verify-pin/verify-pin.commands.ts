import { Message } from '@cashout/shared-contracts';

export class VerifyPinCommand {
  constructor(readonly message: Message<'VerifyIntentPin'>) {}
}

export class RecordPinCheckCommand {
  constructor(readonly message: Message<'PinVerified' | 'PinRejected'>) {}
}

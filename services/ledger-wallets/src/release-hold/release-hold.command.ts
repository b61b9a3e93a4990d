import { Message } from '@cashout/shared-contracts';

export class ReleaseHoldCommand {
  constructor(readonly message: Message<'ReleaseHold'>) {}
}

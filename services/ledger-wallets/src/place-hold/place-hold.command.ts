import { Message } from '@cashout/shared-contracts';

export class PlaceHoldCommand {
  constructor(readonly message: Message<'PlaceHold'>) {}
}

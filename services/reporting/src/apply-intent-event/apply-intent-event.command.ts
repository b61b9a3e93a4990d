import { Message } from '@cashout/shared-contracts';
import { Position } from '../domain/intent-facts';

export class ApplyIntentEventCommand {
  constructor(
    readonly message: Message<'IntentStateChanged'>,
    readonly position: Position,
  ) {}
}

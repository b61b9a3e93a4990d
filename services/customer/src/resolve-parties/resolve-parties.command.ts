import { Command } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';

/** Resolve the agent and the client of a new cash-out intent (from the ledger saga). */
export class ResolvePartiesCommand extends Command<void> {
  constructor(readonly message: Message<'ResolveParties'>) {
    super();
  }
}

import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { TOPICS } from '@cashout/shared-contracts';
import { consumeMessages, MESSAGE_BUS, MessageBus } from '@cashout/platform';
import { PlaceHoldCommand } from './place-hold/place-hold.command';
import { PostCashOutCommand } from './post-cash-out/post-cash-out.command';
import { ReleaseHoldCommand } from './release-hold/release-hold.command';

/** Its own group: wallet movements are keyed by wallet, the saga's messages by intent. */
export const MOVEMENTS_GROUP = 'ledger-wallets.movements';

@Injectable()
export class MoveFundsMessagesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await consumeMessages(this.bus, {
      group: MOVEMENTS_GROUP,
      topics: [TOPICS.ledgerCommands],
      handlers: {
        PlaceHold: (message) => this.commands.execute(new PlaceHoldCommand(message)),
        ReleaseHold: (message) => this.commands.execute(new ReleaseHoldCommand(message)),
        PostCashOut: (message) => this.commands.execute(new PostCashOutCommand(message)),
      },
    });
  }
}

import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MESSAGE_BUS, MessageBus, consumeMessages } from '@cashout/platform';
import { TOPICS } from '@cashout/shared-contracts';
import { IssueQrTokenCommand } from './issue-qr-token/issue-qr-token.command';
import { ResolvePartiesCommand } from './resolve-parties/resolve-parties.command';

export const CUSTOMER_SERVICE = 'customer';

/** Turns the customer commands on the bus into CQRS commands. */
@Injectable()
export class CustomerMessagesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await consumeMessages(this.bus, {
      group: CUSTOMER_SERVICE,
      topics: [TOPICS.customerCommands],
      handlers: {
        ResolveParties: (message) => this.commands.execute(new ResolvePartiesCommand(message)),
        IssueQrToken: (message) => this.commands.execute(new IssueQrTokenCommand(message)),
      },
    });
  }
}

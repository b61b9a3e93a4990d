import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { TOPICS } from '@cashout/shared-contracts';
import { consumeMessages, MESSAGE_BUS, MessageBus } from '@cashout/platform';
import { CreateIntentCommand } from './create-intent/create-intent.command';
import { DriveIntentCommand } from './drive-intent/drive-intent.command';
import { SagaMessage } from './drive-intent/saga-input';
import { ReadLedgerQuery } from './read-ledger/read-ledger.query';

export const LEDGER_GROUP = 'ledger-wallets';

/** The saga's inputs: the gateway's commands and queries, and the outcomes of every step. */
@Injectable()
export class LedgerMessagesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const drive = (message: SagaMessage) => this.commands.execute(new DriveIntentCommand(message));
    await consumeMessages(this.bus, {
      group: LEDGER_GROUP,
      topics: [
        TOPICS.intentCommands,
        TOPICS.ledgerQueries,
        TOPICS.ledgerEvents,
        TOPICS.customerEvents,
        TOPICS.riskEvents,
        TOPICS.authEvents,
        TOPICS.notificationEvents,
      ],
      handlers: {
        CreateCashOutIntent: (message) => this.commands.execute(new CreateIntentCommand(message)),
        SendIntentOtp: drive,
        VerifyIntentOtp: drive,
        VerifyIntentPin: drive,
        ConfirmIntent: drive,
        CancelIntent: drive,
        PartiesResolved: drive,
        PartiesRejected: drive,
        CashOutEvaluated: drive,
        OtpDispatched: drive,
        OtpSendRefused: drive,
        OtpVerified: drive,
        OtpRejected: drive,
        PinVerified: drive,
        PinRejected: drive,
        HoldPlaced: drive,
        CashOutReserved: drive,
        CashOutPosted: drive,
        CashOutRefused: drive,
        GetIntent: (message) => this.queries.execute(new ReadLedgerQuery(message)),
        ListIntents: (message) => this.queries.execute(new ReadLedgerQuery(message)),
        GetWallets: (message) => this.queries.execute(new ReadLedgerQuery(message)),
        GetReconciliation: (message) => this.queries.execute(new ReadLedgerQuery(message)),
      },
    });
  }
}

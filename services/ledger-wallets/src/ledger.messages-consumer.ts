import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { TOPICS } from '@cashout/shared-contracts';
import { consumeMessages, MESSAGE_BUS, MessageBus } from '@cashout/platform';
import { CancelIntentCommand } from './cancel-intent/cancel-intent.handler';
import { ConfirmIntentCommand, RecordReservationCommand } from './confirm-intent/confirm-intent.commands';
import { CreateIntentCommand, RecordEvaluationCommand, RecordPartiesCommand } from './create-intent/create-intent.commands';
import { LedgerQueryCommand } from './queries/ledger-queries.handler';
import { RecordOtpDispatchCommand, SendOtpCommand } from './send-otp/send-otp.commands';
import { RecordOtpCheckCommand, VerifyOtpCommand } from './verify-otp/verify-otp.commands';
import { RecordPinCheckCommand, VerifyPinCommand } from './verify-pin/verify-pin.commands';

export const LEDGER_GROUP = 'ledger-wallets';

/** The saga's inputs: the gateway's commands and queries, and the other services' outcomes. */
@Injectable()
export class LedgerMessagesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const run = (command: object) => this.commands.execute(command);
    await consumeMessages(this.bus, {
      group: LEDGER_GROUP,
      topics: [
        TOPICS.intentCommands,
        TOPICS.ledgerQueries,
        TOPICS.customerEvents,
        TOPICS.riskEvents,
        TOPICS.authEvents,
        TOPICS.notificationEvents,
      ],
      handlers: {
        CreateCashOutIntent: (message) => run(new CreateIntentCommand(message)),
        PartiesResolved: (message) => run(new RecordPartiesCommand(message)),
        PartiesRejected: (message) => run(new RecordPartiesCommand(message)),
        CashOutEvaluated: (message) => run(new RecordEvaluationCommand(message)),
        SendIntentOtp: (message) => run(new SendOtpCommand(message)),
        OtpDispatched: (message) => run(new RecordOtpDispatchCommand(message)),
        VerifyIntentOtp: (message) => run(new VerifyOtpCommand(message)),
        OtpVerified: (message) => run(new RecordOtpCheckCommand(message)),
        OtpRejected: (message) => run(new RecordOtpCheckCommand(message)),
        VerifyIntentPin: (message) => run(new VerifyPinCommand(message)),
        PinVerified: (message) => run(new RecordPinCheckCommand(message)),
        PinRejected: (message) => run(new RecordPinCheckCommand(message)),
        ConfirmIntent: (message) => run(new ConfirmIntentCommand(message)),
        CashOutReserved: (message) => run(new RecordReservationCommand(message)),
        CancelIntent: (message) => run(new CancelIntentCommand(message)),
        GetIntent: (message) => run(new LedgerQueryCommand(message)),
        ListIntents: (message) => run(new LedgerQueryCommand(message)),
        GetWallets: (message) => run(new LedgerQueryCommand(message)),
        GetReconciliation: (message) => run(new LedgerQueryCommand(message)),
      },
    });
  }
}

import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MESSAGE_BUS, MessageBus, consumeMessages } from '@cashout/platform';
import { TOPICS } from '@cashout/shared-contracts';
import { AdmitOtpSendCommand } from './admit-otp-send/admit-otp-send.command';
import { CommitReservationCommand } from './commit-reservation/commit-reservation.command';
import { EvaluateCashOutCommand } from './evaluate-cash-out/evaluate-cash-out.command';
import { ReleaseReservationCommand } from './release-reservation/release-reservation.command';
import { ReserveCashOutCommand } from './reserve-cash-out/reserve-cash-out.command';

export const RISK_ENGINE_SERVICE = 'risk-engine';

/** Turns the risk commands on the bus into CQRS commands. */
@Injectable()
export class RiskEngineMessagesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await consumeMessages(this.bus, {
      group: RISK_ENGINE_SERVICE,
      topics: [TOPICS.riskCommands],
      handlers: {
        EvaluateCashOut: (message) => this.commands.execute(new EvaluateCashOutCommand(message)),
        ReserveCashOut: (message) => this.commands.execute(new ReserveCashOutCommand(message)),
        ReleaseReservation: (message) => this.commands.execute(new ReleaseReservationCommand(message)),
        CommitReservation: (message) => this.commands.execute(new CommitReservationCommand(message)),
        AdmitOtpSend: (message) => this.commands.execute(new AdmitOtpSendCommand(message)),
      },
    });
  }
}

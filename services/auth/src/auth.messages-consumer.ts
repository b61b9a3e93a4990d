import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { TOPICS } from '@cashout/shared-contracts';
import { MESSAGE_BUS, MessageBus, consumeMessages } from '@cashout/platform';
import { InvalidateOtpCommand } from './invalidate-otp/invalidate-otp.command';
import { IssueOtpCommand } from './issue-otp/issue-otp.command';
import { LoginCommand } from './login/login.command';
import { VerifyOtpCommand } from './verify-otp/verify-otp.command';
import { UnlockUserCommand } from './unlock-user/unlock-user.command';
import { VerifyPinCommand } from './verify-pin/verify-pin.command';

export const AUTH_CONSUMER_GROUP = 'auth';

/** Turns auth's incoming commands, already validated against their contracts, into use cases. */
@Injectable()
export class AuthMessagesConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commandBus: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await consumeMessages(this.bus, {
      group: AUTH_CONSUMER_GROUP,
      topics: [TOPICS.authCommands],
      handlers: {
        Login: (message) => this.commandBus.execute(new LoginCommand(message)),
        IssueOtp: (message) => this.commandBus.execute(new IssueOtpCommand(message)),
        VerifyOtp: (message) => this.commandBus.execute(new VerifyOtpCommand(message)),
        InvalidateOtp: (message) => this.commandBus.execute(new InvalidateOtpCommand(message)),
        VerifyPin: (message) => this.commandBus.execute(new VerifyPinCommand(message)),
        UnlockUser: (message) => this.commandBus.execute(new UnlockUserCommand(message)),
      },
    });
  }
}

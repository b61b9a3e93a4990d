import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReplyBody } from '@cashout/shared-contracts';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory } from '@cashout/platform';
import { unlockedPin } from '../domain/pin-attempt';
import { USER_REPOSITORY, UserDocument, UserRepository } from '../user.repository.port';
import { retryOnWriteConflict } from '../write-conflict';
import { UnlockUserCommand } from './unlock-user.command';

/** Whether there is anything to lift: a lock, failures, or locks in a row that would double the next. */
const hasLock = (user: UserDocument) => user.locked || user.failures > 0 || (user.lockouts ?? 0) > 0;

/**
 * Staff lifting a user's PIN lock. The new version of the user records who lifted it and
 * when (`lastUnlock`; every version is a line of the user's stream, so each unlock stays in
 * its history), and a warning is logged. Lifting a lock twice changes nothing the second time.
 */
@CommandHandler(UnlockUserCommand)
export class UnlockUserHandler implements ICommandHandler<UnlockUserCommand> {
  private readonly logger = new Logger(UnlockUserHandler.name);

  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly messages: MessageFactory,
  ) {}

  async execute({ message }: UnlockUserCommand): Promise<void> {
    const { userId, unlockedBy } = message.payload;
    let body: ReplyBody = { kind: 'error', error: { code: 'NOT_FOUND', message: `no user with id ${userId}` } };
    await retryOnWriteConflict(`UnlockUser ${userId}`, async () => {
      const user = await this.users.findById(userId);
      if (!user) return true;
      const view = { id: user.id, role: user.role, phone: user.phone };
      if (!hasLock(user)) {
        body = { kind: 'user-unlocked', user: view, wasLocked: false };
        return true;
      }
      const lastUnlock = { by: unlockedBy, at: this.clock.now().toISOString() };
      if (!(await this.users.save({ ...unlockedPin(user), lastUnlock, version: user.version + 1 }))) return false;
      this.logger.warn(`PIN lock of user ${user.id} lifted by ${unlockedBy}`);
      body = { kind: 'user-unlocked', user: view, wasLocked: true };
      return true;
    });
    await this.bus.publish([this.messages.reply(message, 'GatewayReply', body)]);
  }
}

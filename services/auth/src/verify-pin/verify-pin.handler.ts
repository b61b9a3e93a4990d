import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';
import { CLOCK, Clock, JwtCodec, MESSAGE_BUS, MessageBus, MessageFactory, OutboxBatch, OutgoingMessage, SealedBox } from '@cashout/platform';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { AuthOutboxRelay } from '../auth.outbox-relay';
import { PinCheckOutcome, decidePinCheck, isTokenForAgent, pinCheckNeedsComparison, recordedPinCheck } from '../domain/pin-attempt';
import { SecretComparison } from '../domain/recorded-checks';
import { accessChanged, lockBegan, withTokensRevoked } from '../domain/user-access';
import { HASHER, Hasher } from '../hasher.port';
import { USER_REPOSITORY, UserDocument, UserRepository } from '../user.repository.port';
import { retryOnWriteConflict } from '../write-conflict';
import { VerifyPinCommand } from './verify-pin.command';

/**
 * Checks the agent's PIN, by token (Mobile Pro: verifyPin(token, pin)) or by user id
 * (CMMS: verifyPinByUserId); the failure count, the lock and the outcome are written together.
 */
@CommandHandler(VerifyPinCommand)
export class VerifyPinHandler implements ICommandHandler<VerifyPinCommand> {
  private readonly logger = new Logger(VerifyPinHandler.name);

  constructor(
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(HASHER) private readonly hasher: Hasher,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly messages: MessageFactory,
    private readonly sealedBox: SealedBox,
    private readonly jwt: JwtCodec,
    private readonly relay: AuthOutboxRelay,
  ) {}

  async execute({ message }: VerifyPinCommand): Promise<void> {
    const { intentId, stepId, agentUserId } = message.payload;
    const tokenAccepted = await this.tokenAccepted(message);
    let written: OutboxBatch | undefined;
    await retryOnWriteConflict(`VerifyPin ${stepId} for intent ${intentId}`, async () => {
      const user = await this.users.findById(agentUserId);
      if (!user) {
        const unknown: PinCheckOutcome = {
          verified: false,
          reason: tokenAccepted ? 'INVALID' : 'TOKEN_INVALID',
          attemptsLeft: 0,
        };
        await this.bus.publish([this.outcomeMessage(message, unknown)]);
        return true;
      }
      const recorded = recordedPinCheck(user, stepId);
      if (recorded) {
        // A redelivered step changes nothing: the same outcome again, directly.
        await this.bus.publish([this.outcomeMessage(message, recorded)]);
        return true;
      }
      const now = this.clock.now();
      const comparison = pinCheckNeedsComparison(user, tokenAccepted, now) ? await this.compare(user, message) : 'NOT_COMPARED';
      const decision = decidePinCheck(user, { stepId, now, tokenAccepted, comparison }, this.config.pinLock);
      const outcome = this.outcomeMessage(message, decision.outcome);
      const locked = lockBegan(user, decision.state, now);
      // A lock revokes every token of the agent, and the gateways and the agent hear of it.
      const next: UserDocument = { ...(locked ? withTokensRevoked(decision.state) : decision.state), version: user.version + 1 };
      const outbox = [{ id: outcome.envelope.messageId, message: outcome }];
      if (locked) {
        const notice = this.messages.reply(message, 'UserAccessChanged', accessChanged(next, 'LOCKED', now), user.id);
        outbox.push({ id: notice.envelope.messageId, message: notice });
      }
      if (!(await this.users.save(next, outbox))) return false;
      written = this.users.batchOf(next, outbox);
      this.logOutcome(message, decision.outcome, locked);
      return true;
    });
    if (written) await this.relay.relayNow(this.users, written);
  }

  /** Without a token (CMMS) the caller was authorized upstream; with one it must be this agent's. */
  private async tokenAccepted(message: Message<'VerifyPin'>): Promise<boolean> {
    const { sealedToken, agentUserId } = message.payload;
    if (sealedToken === undefined) return true;
    const token = this.sealedBox.open(sealedToken);
    const claims = token === undefined ? undefined : await this.jwt.verify(token, this.clock.now());
    return isTokenForAgent(claims, agentUserId);
  }

  private async compare(user: UserDocument, message: Message<'VerifyPin'>): Promise<SecretComparison> {
    const pin = this.sealedBox.open(message.payload.sealedPin);
    if (pin === undefined) {
      this.logger.warn(`VerifyPin ${message.payload.stepId}: the sealed PIN could not be opened`);
      return 'UNREADABLE';
    }
    return (await this.hasher.matches(pin, user.pinHash)) ? 'MATCH' : 'MISMATCH';
  }

  private outcomeMessage(cause: Message<'VerifyPin'>, outcome: PinCheckOutcome): OutgoingMessage {
    const { intentId, stepId } = cause.payload;
    return outcome.verified
      ? this.messages.reply(cause, 'PinVerified', { intentId, stepId }, intentId)
      : this.messages.reply(cause, 'PinRejected', { intentId, stepId, reason: outcome.reason, attemptsLeft: outcome.attemptsLeft }, intentId);
  }

  private logOutcome(cause: Message<'VerifyPin'>, outcome: PinCheckOutcome, lockedNow: boolean): void {
    const { intentId, stepId, agentUserId } = cause.payload;
    if (lockedNow) this.logger.warn(`PIN of user ${agentUserId} locked after consecutive failures; its tokens are revoked`);
    if (outcome.verified) this.logger.log(`PIN verified for intent ${intentId} (step ${stepId})`);
    else this.logger.log(`PIN rejected for intent ${intentId} (step ${stepId}): ${outcome.reason}, ${outcome.attemptsLeft} left`);
  }
}

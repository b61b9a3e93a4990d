import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Message, ReplyBody } from '@cashout/shared-contracts';
import { CLOCK, Clock, JwtCodec, MESSAGE_BUS, MessageBus, MessageFactory, OutboxBatch, OutboxEntry, SealedBox } from '@cashout/platform';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { AuthOutboxRelay } from '../auth.outbox-relay';
import { LoginOutcome, decideLogin, isLocked, recordedLogin } from '../domain/pin-attempt';
import { accessChanged, lockBegan, tokenVersionOf, withTokensRevoked } from '../domain/user-access';
import { SecretComparison } from '../domain/recorded-checks';
import { HASHER, Hasher } from '../hasher.port';
import { USER_REPOSITORY, UserDocument, UserRepository } from '../user.repository.port';
import { retryOnWriteConflict } from '../write-conflict';
import { LoginCommand } from './login.command';

/** The same words whether the phone is unknown or the PIN wrong: no account enumeration. */
const INVALID_CREDENTIALS_MESSAGE = 'invalid phone number or PIN';
const PIN_LOCKED_MESSAGE = 'PIN locked after too many failed attempts';
/** Hashed once so an unknown phone costs one bcrypt compare, like a known one. */
const TIMING_DECOY = 'timing-decoy-not-a-pin';

/**
 * Logs a user in with phone and PIN and answers the gateway. The failure count is written
 * first; the reply, which carries no state, is published directly. The request's message
 * id keys the attempt, so a redelivery answers again without counting twice.
 */
@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  private readonly logger = new Logger(LoginHandler.name);
  private decoyHash?: Promise<string>;

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

  async execute({ message }: LoginCommand): Promise<void> {
    const requestId = message.messageId;
    const pin = this.sealedBox.open(message.payload.sealedPin);
    let written: OutboxBatch | undefined;
    let answer: { user: UserDocument | undefined; outcome: LoginOutcome } | undefined;
    await retryOnWriteConflict(`Login ${requestId}`, async () => {
      const user = await this.users.findByPhone(message.payload.phone);
      if (!user) {
        await this.hasher.matches(pin ?? '', await this.decoy());
        answer = { user: undefined, outcome: 'INVALID_CREDENTIALS' };
        return true;
      }
      const recorded = recordedLogin(user, requestId);
      if (recorded) {
        answer = { user, outcome: recorded };
        return true;
      }
      const now = this.clock.now();
      const comparison: SecretComparison = isLocked(user, now)
        ? 'NOT_COMPARED'
        : pin === undefined
          ? 'UNREADABLE'
          : (await this.hasher.matches(pin, user.pinHash))
            ? 'MATCH'
            : 'MISMATCH';
      const decision = decideLogin(user, { requestId, now, comparison }, this.config.pinLock);
      const pinHash = comparison === 'MATCH' && pin !== undefined ? await this.upgradedHash(pin, user.pinHash) : user.pinHash;
      const locked = lockBegan(user, decision.state, now);
      // A lock revokes every token of the user, and the gateways and the user hear of it.
      const next: UserDocument = { ...(locked ? withTokensRevoked(decision.state) : decision.state), pinHash, version: user.version + 1 };
      const outbox: OutboxEntry[] = [];
      if (locked) {
        const notice = this.messages.reply(message, 'UserAccessChanged', accessChanged(next, 'LOCKED', now), user.id);
        outbox.push({ id: notice.envelope.messageId, message: notice });
      }
      if (!(await this.users.save(next, outbox))) return false;
      if (outbox.length > 0) written = this.users.batchOf(next, outbox);
      if (locked) this.logger.warn(`PIN of user ${user.id} locked until ${next.lockedUntil ?? '?'} after consecutive failures; its tokens are revoked`);
      this.logger.log(`login of user ${user.id}: ${decision.outcome}`);
      answer = { user: next, outcome: decision.outcome };
      return true;
    });
    // The revocation is on the bus before the caller hears of the lock.
    if (written) await this.relay.relayNow(this.users, written);
    if (answer) await this.reply(message, answer.user, answer.outcome);
  }

  /** A PIN hash made before the pepper is replaced by a peppered one at the PIN's next match. */
  private upgradedHash(pin: string, current: string): Promise<string> {
    return this.hasher.isCurrent(current) ? Promise.resolve(current) : this.hasher.hash(pin, this.config.bcryptCostPin);
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= this.hasher.hash(TIMING_DECOY, this.config.bcryptCostPin);
    return this.decoyHash;
  }

  private async reply(cause: Message<'Login'>, user: UserDocument | undefined, outcome: LoginOutcome): Promise<void> {
    await this.bus.publish([this.messages.reply(cause, 'GatewayReply', await this.replyBody(user, outcome))]);
  }

  private async replyBody(user: UserDocument | undefined, outcome: LoginOutcome): Promise<ReplyBody> {
    if (outcome === 'PIN_LOCKED') {
      const until = user?.lockedUntil;
      return { kind: 'error', error: { code: 'PIN_LOCKED', message: until ? `${PIN_LOCKED_MESSAGE}; it unlocks at ${until}` : PIN_LOCKED_MESSAGE } };
    }
    if (outcome === 'INVALID_CREDENTIALS' || !user) {
      return { kind: 'error', error: { code: 'INVALID_CREDENTIALS', message: INVALID_CREDENTIALS_MESSAGE } };
    }
    // A redelivered success gets a fresh token: tokens are never stored.
    const token = await this.jwt.sign(
      { sub: user.id, role: user.role, phone: user.phone, tv: tokenVersionOf(user) },
      this.config.jwtTtlSeconds,
      this.clock.now(),
    );
    return {
      kind: 'login',
      sealedAccessToken: this.sealedBox.seal(token),
      expiresIn: this.config.jwtTtlSeconds,
      user: { id: user.id, role: user.role, phone: user.phone },
    };
  }
}

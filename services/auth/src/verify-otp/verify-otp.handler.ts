import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Message } from '@cashout/shared-contracts';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory, OutboxBatch, OutgoingMessage, SealedBox } from '@cashout/platform';
import { AuthOutboxRelay } from '../auth.outbox-relay';
import { OTP_NOT_FOUND, OtpCheckOutcome, SpentOtpBudget, decideOtpCheck, recordedOtpCheck, screenOtpCheck } from '../domain/otp';
import { SecretComparison } from '../domain/recorded-checks';
import { HASHER, Hasher } from '../hasher.port';
import { OTP_REPOSITORY, OtpDocument, OtpRepository } from '../otp.repository.port';
import { USER_REPOSITORY, UserRepository } from '../user.repository.port';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { FailureBudget, RecordedFailure, budgetSpent, secondsUntilRoom, withFailure } from '../domain/otp-failure-budget';
import { retryOnWriteConflict } from '../write-conflict';
import { VerifyOtpCommand } from './verify-otp.command';

/**
 * Checks a submitted OTP; the attempt it consumes and its outcome are written together. Wrong
 * OTPs also count across intents, against the client's budget (a guesser opening intent after
 * intent for one client) and the agent's (an agent trying codes across clients): once either
 * is spent, OTPs are refused unchecked, naming the budget.
 */
/** A party whose wrong OTPs count against a budget of its own. */
interface Party {
  userId: string;
  budget: SpentOtpBudget['budget'];
  limits: FailureBudget;
}

@CommandHandler(VerifyOtpCommand)
export class VerifyOtpHandler implements ICommandHandler<VerifyOtpCommand> {
  private readonly logger = new Logger(VerifyOtpHandler.name);

  constructor(
    @Inject(OTP_REPOSITORY) private readonly otps: OtpRepository,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(HASHER) private readonly hasher: Hasher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly messages: MessageFactory,
    private readonly sealedBox: SealedBox,
    private readonly relay: AuthOutboxRelay,
  ) {}

  async execute({ message }: VerifyOtpCommand): Promise<void> {
    const { intentId, stepId, otpId } = message.payload;
    // Expiry is judged against the time the check arrived, not the time a retry ran.
    const now = this.clock.now();
    let written: OutboxBatch | undefined;
    let wrong: Party[] = [];
    await retryOnWriteConflict(`VerifyOtp ${stepId} for intent ${intentId}`, async () => {
      const document = await this.otps.findByIntentId(intentId);
      // An intent without OTP or a redelivered step changes nothing: answer directly.
      const answered = document ? recordedOtpCheck(document, stepId) : OTP_NOT_FOUND;
      if (answered) {
        await this.bus.publish([this.outcomeMessage(message, answered)]);
        return true;
      }
      if (!document) return true;
      const parties = this.partiesOf(document, message);
      const spent = await this.spentBudget(parties, now);
      const comparison = spent ? 'NOT_COMPARED' : await this.compare(document, message, now);
      const decision = decideOtpCheck(document, { stepId, otpId, now }, comparison, spent);
      const outcome = this.outcomeMessage(message, decision.outcome);
      const next: OtpDocument = { ...document, ...decision.state, version: document.version + 1 };
      const outbox = [{ id: outcome.envelope.messageId, message: outcome }];
      if (!(await this.otps.save(next, outbox))) return false;
      written = this.otps.batchOf(next, outbox);
      this.logOutcome(message, decision.outcome);
      if (spent) this.logger.warn(`OTP of intent ${intentId} refused unchecked: ${spent.budget} spent`);
      wrong = comparison === 'MISMATCH' ? parties : [];
      return true;
    });
    if (written) await this.relay.relayNow(this.otps, written);
    // After the OTP's own write: a crash in between leaves one wrong OTP uncounted, never counts one twice.
    for (const party of wrong) await this.countFailure(party, { stepId, at: now.toISOString() }, now);
  }

  /** Whose budgets this check counts against: the OTP's client, and the agent at the counter when named. */
  private partiesOf(document: OtpDocument, message: Message<'VerifyOtp'>): Party[] {
    const parties: Party[] = [];
    if (document.clientUserId) parties.push({ userId: document.clientUserId, budget: 'OTP_FAILURES_PER_CLIENT', limits: this.config.otpFailureBudget });
    if (message.payload.agentUserId)
      parties.push({ userId: message.payload.agentUserId, budget: 'OTP_FAILURES_PER_AGENT', limits: this.config.otpAgentFailureBudget });
    return parties;
  }

  /** The first party whose budget of wrong OTPs across intents is spent, if any. */
  private async spentBudget(parties: Party[], now: Date): Promise<SpentOtpBudget | undefined> {
    const users = await Promise.all(parties.map((party) => this.users.findById(party.userId)));
    for (const [index, party] of parties.entries()) {
      const failures = users[index]?.otpFailures;
      if (budgetSpent(failures, now, party.limits)) return { budget: party.budget, retryAfterSeconds: secondsUntilRoom(failures, now, party.limits) };
    }
    return undefined;
  }

  private async countFailure(party: Party, failure: RecordedFailure, now: Date): Promise<void> {
    await retryOnWriteConflict(`wrong OTP of ${party.userId}`, async () => {
      const user = await this.users.findById(party.userId);
      if (!user) return true;
      if (user.otpFailures?.some((earlier) => earlier.stepId === failure.stepId)) return true;
      const otpFailures = withFailure(user.otpFailures, failure, now, party.limits);
      return this.users.save({ ...user, otpFailures, version: user.version + 1 });
    });
  }

  private async compare(document: OtpDocument, message: Message<'VerifyOtp'>, now: Date): Promise<SecretComparison> {
    const { intentId, stepId, otpId, sealedOtp } = message.payload;
    if (screenOtpCheck(document, otpId, now)) return 'NOT_COMPARED';
    const code = this.sealedBox.open(sealedOtp);
    if (code === undefined) {
      this.logger.warn(`VerifyOtp ${stepId} for intent ${intentId}: the sealed OTP could not be opened`);
      return 'UNREADABLE';
    }
    return (await this.hasher.matches(code, document.otpHash)) ? 'MATCH' : 'MISMATCH';
  }

  private outcomeMessage(cause: Message<'VerifyOtp'>, outcome: OtpCheckOutcome): OutgoingMessage {
    const { intentId, stepId } = cause.payload;
    return outcome.verified
      ? this.messages.reply(cause, 'OtpVerified', { intentId, stepId }, intentId)
      : this.messages.reply(
          cause,
          'OtpRejected',
          {
            intentId,
            stepId,
            reason: outcome.reason,
            attemptsLeft: outcome.attemptsLeft,
            ...(outcome.budget ? { budget: outcome.budget, retryAfterSeconds: outcome.retryAfterSeconds } : {}),
          },
          intentId,
        );
  }

  private logOutcome(cause: Message<'VerifyOtp'>, outcome: OtpCheckOutcome): void {
    const { intentId, stepId } = cause.payload;
    if (outcome.verified) this.logger.log(`OTP verified for intent ${intentId} (step ${stepId})`);
    else this.logger.log(`OTP rejected for intent ${intentId} (step ${stepId}): ${outcome.reason}, ${outcome.attemptsLeft} left`);
  }
}

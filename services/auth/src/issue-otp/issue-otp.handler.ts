import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomInt } from 'node:crypto';
import { CLOCK, Clock, MessageFactory, OutboxBatch, SealedBox } from '@cashout/platform';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { AuthOutboxRelay } from '../auth.outbox-relay';
import { generateOtp } from '../domain/otp-code';
import { issueOtp, wasOtpIssued } from '../domain/otp';
import { HASHER, Hasher } from '../hasher.port';
import { OTP_REPOSITORY, OtpRepository } from '../otp.repository.port';
import { retryOnWriteConflict } from '../write-conflict';
import { IssueOtpCommand } from './issue-otp.command';

/**
 * Issues the intent's OTP: stores only its bcrypt hash (replacing, so invalidating, any
 * previous one) and, in the same write, the sealed code for notifications to deliver.
 */
@CommandHandler(IssueOtpCommand)
export class IssueOtpHandler implements ICommandHandler<IssueOtpCommand> {
  private readonly logger = new Logger(IssueOtpHandler.name);

  constructor(
    @Inject(OTP_REPOSITORY) private readonly otps: OtpRepository,
    @Inject(HASHER) private readonly hasher: Hasher,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly messages: MessageFactory,
    private readonly sealedBox: SealedBox,
    private readonly relay: AuthOutboxRelay,
  ) {}

  async execute({ message }: IssueOtpCommand): Promise<void> {
    const { intentId, otpId, clientUserId, clientPhone, preferredChannel } = message.payload;
    // Checked before hashing so a redelivery costs no bcrypt round.
    if (wasOtpIssued(await this.otps.findByIntentId(intentId), otpId)) return;

    const otp = generateOtp(randomInt);
    const otpHash = await this.hasher.hash(otp, this.config.bcryptCostOtp);
    let issued: OutboxBatch | undefined;
    await retryOnWriteConflict(`IssueOtp ${otpId} for intent ${intentId}`, async () => {
      const previous = await this.otps.findByIntentId(intentId);
      if (wasOtpIssued(previous, otpId)) return true;
      const state = issueOtp(previous, {
        intentId,
        otpId,
        otpHash,
        now: this.clock.now(),
        ttlSeconds: this.config.otpTtlSeconds,
        maxAttempts: this.config.otpMaxAttempts,
        clientUserId,
      });
      const deliver = this.messages.reply(
        message,
        'DeliverOtp',
        {
          intentId,
          otpId,
          sealedOtp: this.sealedBox.seal(otp),
          customerPhone: clientPhone,
          ...(preferredChannel ? { preferredChannel } : {}),
          expiresAt: state.expiresAt,
        },
        intentId,
      );
      const next = { ...state, id: intentId, version: (previous?.version ?? 0) + 1 };
      const outbox = [{ id: deliver.envelope.messageId, message: deliver }];
      if (!(await this.otps.save(next, outbox))) return false;
      issued = this.otps.batchOf(next, outbox);
      return true;
    });
    if (!issued) return;
    this.logger.log(`OTP ${otpId} issued for intent ${intentId}`);
    await this.relay.relayNow(this.otps, issued);
  }
}

import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { invalidateOtp } from '../domain/otp';
import { OTP_REPOSITORY, OtpRepository } from '../otp.repository.port';
import { retryOnWriteConflict } from '../write-conflict';
import { InvalidateOtpCommand } from './invalidate-otp.command';

/** Kills the intent's OTP (compensation of a failed, canceled or expired intent); no outcome message. */
@CommandHandler(InvalidateOtpCommand)
export class InvalidateOtpHandler implements ICommandHandler<InvalidateOtpCommand> {
  private readonly logger = new Logger(InvalidateOtpHandler.name);

  constructor(@Inject(OTP_REPOSITORY) private readonly otps: OtpRepository) {}

  async execute({ message }: InvalidateOtpCommand): Promise<void> {
    const { intentId } = message.payload;
    await retryOnWriteConflict(`InvalidateOtp for intent ${intentId}`, async () => {
      const document = await this.otps.findByIntentId(intentId);
      const next = document && invalidateOtp(document);
      if (!document || !next) return true;
      const written = await this.otps.save({ ...document, ...next, version: document.version + 1 });
      if (written) this.logger.log(`OTP ${document.otpId} of intent ${intentId} invalidated`);
      return written;
    });
  }
}

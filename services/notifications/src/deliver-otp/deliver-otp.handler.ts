import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory, SealedBox } from '@cashout/platform';
import { otpMessage } from '../domain/delivery-policy';
import { DispatchResult, NotificationDispatcher } from '../dispatch/notification-dispatcher';
import { NOTIFICATION_RECORD_REPOSITORY, NotificationDispatch, NotificationRecordRepository, dispatchIdForOtp } from '../notification-record.repository.port';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { NotificationsOutboxRelay } from '../notifications.outbox-relay';
import { DeliverOtpCommand } from './deliver-otp.command';

@CommandHandler(DeliverOtpCommand)
export class DeliverOtpHandler implements ICommandHandler<DeliverOtpCommand> {
  private readonly logger = new Logger(DeliverOtpHandler.name);

  constructor(
    @Inject(NOTIFICATION_RECORD_REPOSITORY) private readonly records: NotificationRecordRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dispatcher: NotificationDispatcher,
    private readonly messages: MessageFactory,
    private readonly sealedBox: SealedBox,
    private readonly relay: NotificationsOutboxRelay,
  ) {}

  async execute({ message }: DeliverOtpCommand): Promise<void> {
    const { intentId, otpId, sealedOtp, customerPhone, preferredChannel, expiresAt } = message.payload;
    const existing = await this.records.findByOtpId(otpId);
    if (existing) return this.reemit(existing);

    // A send may be repeated if the process dies before the write below; a duplicate OTP
    // text is harmless, a lost one blocks the client, so at-least-once is the right side.
    const otp = this.sealedBox.open(sealedOtp);
    let result: DispatchResult;
    if (otp === undefined) {
      this.logger.error(`OTP ${otpId} for intent ${intentId} cannot be opened (wrong key or tampered); not sent`);
      result = this.dispatcher.undeliverable({
        intentId,
        customerPhone,
        preferredChannel,
        kind: 'OTP',
        recorded: { body: 'The one-time code could not be opened; nothing was sent.' },
      });
    } else {
      const composed = otpMessage(this.config.appEnv, otp, expiresAt);
      result = await this.dispatcher.dispatch({
        intentId,
        customerPhone,
        preferredChannel,
        kind: 'OTP',
        subject: 'Your cash-out code',
        text: composed.text,
        recorded: composed.recorded,
      });
    }

    const outcome = this.messages.reply(message, 'OtpDispatched', {
      intentId,
      otpId,
      channel: result.clientRecord.channel,
      status: result.clientRecord.status,
      expiresAt,
    });
    const dispatch: NotificationDispatch = {
      id: dispatchIdForOtp(otpId),
      version: 1,
      intentId,
      otpId,
      kind: 'OTP',
      records: result.records,
      outcome,
      outbox: [{ id: outcome.envelope.messageId, message: outcome }],
      createdAt: this.clock.now().toISOString(),
    };
    if (!(await this.records.append(dispatch))) {
      // A concurrent delivery of the same request won the write: its outcome stands.
      const winner = await this.records.findByOtpId(otpId);
      if (winner) return this.reemit(winner);
      throw new Error(`dispatch of OTP ${otpId} vanished after a duplicate write`);
    }
    await this.relay.relayNow({ documentId: dispatch.id, entries: dispatch.outbox });
  }

  /** A redelivery sends nothing again and repeats the first outcome, byte for byte. */
  private async reemit(dispatch: NotificationDispatch): Promise<void> {
    if (dispatch.outcome) await this.bus.publish([dispatch.outcome]);
  }
}

import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, MESSAGE_BUS, MessageBus, MessageFactory } from '@cashout/platform';
import { CUSTOMER_CONFIG, CustomerConfig } from '../customer.config';
import { CUSTOMER_PROFILE_REPOSITORY, CustomerProfileRepository } from '../customer-profile.repository.port';
import { QR_TOKEN_REPOSITORY, QrTokenRepository } from '../qr-token.repository.port';
import { QrTokenSigner } from '../qr-token.signer';
import { IssueQrTokenCommand } from './issue-qr-token.command';

/**
 * Replies GatewayReply qr-token, or error FORBIDDEN. The token record is keyed to the
 * request message, so a redelivery finds it again and replies with the same token and
 * expiry rather than minting a second one.
 */
@CommandHandler(IssueQrTokenCommand)
export class IssueQrTokenHandler implements ICommandHandler<IssueQrTokenCommand> {
  private readonly logger = new Logger(IssueQrTokenHandler.name);

  constructor(
    @Inject(CUSTOMER_PROFILE_REPOSITORY) private readonly profiles: CustomerProfileRepository,
    @Inject(QR_TOKEN_REPOSITORY) private readonly qrTokens: QrTokenRepository,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CUSTOMER_CONFIG) private readonly config: CustomerConfig,
    private readonly messages: MessageFactory,
    private readonly signer: QrTokenSigner,
  ) {}

  async execute({ message }: IssueQrTokenCommand): Promise<void> {
    const { actor } = message.payload;
    const profile = actor.role === 'CLIENT' ? await this.profiles.findByUserId(actor.userId) : undefined;
    if (!profile || profile.role !== 'CLIENT') {
      this.logger.log(`QR token refused to user ${actor.userId} (${actor.role})`);
      await this.bus.publish([
        this.messages.reply(message, 'GatewayReply', {
          kind: 'error',
          error: { code: 'FORBIDDEN', message: 'only a client may get a QR token' },
        }),
      ]);
      return;
    }

    const now = this.clock.now();
    const tokenId = this.signer.newTokenId();
    const stored = await this.qrTokens.insert({
      tokenId,
      tokenHash: this.signer.hash(this.signer.sign(tokenId)),
      userId: profile.userId,
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.config.qrTokenTtlSeconds * 1000).toISOString(),
      issueRequestId: message.messageId,
    });
    await this.bus.publish([
      this.messages.reply(message, 'GatewayReply', {
        kind: 'qr-token',
        qrToken: this.signer.sign(stored.tokenId),
        expiresAt: stored.expiresAt,
      }),
    ]);
  }
}

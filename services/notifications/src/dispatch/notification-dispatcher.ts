import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { NotificationChannel, NotificationKind, NotificationRecord, NotificationStatus } from '@cashout/shared-contracts';
import { CLOCK, Clock } from '@cashout/platform';
import { clientChannelOrder } from '../domain/channel-routing';
import { decideAudience } from '../domain/delivery-policy';
import { teamCopyText } from '../domain/message-text';
import { ChannelProviders, MESSAGE_PROVIDERS } from '../message-provider.port';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { WHITELIST_REPOSITORY, WhitelistRepository } from '../whitelist.repository.port';

/**
 * What a message is about, named in the logs: an intent (its id then goes on every record),
 * or, for a notice that concerns no intent (an access change), the user.
 */
export type NotificationAbout = { intentId: string; userId?: never } | { userId: string; intentId?: never };

/** "intent X" or "user Y", for the logs. */
export function describeAbout(about: NotificationAbout): string {
  return about.intentId !== undefined ? `intent ${about.intentId}` : `user ${about.userId}`;
}

/** One message to a phone, before routing. */
export type NotificationRequest = NotificationAbout & NotificationContent;

export interface NotificationContent {
  customerPhone: string;
  preferredChannel?: NotificationChannel;
  kind: NotificationKind;
  subject: string;
  /** What is sent; may hold the plain OTP. */
  text: string;
  /** What the records keep (masked in production). */
  recorded: { body: string; otp?: string };
}

export interface DispatchResult {
  /** The message to the client: SENT, SKIPPED or FAILED. */
  clientRecord: NotificationRecord;
  /** The client record first, then the team copies. */
  records: NotificationRecord[];
}

const NO_PROVIDER = 'none';

/**
 * Routes a message, sends it (with failover across channels) or, outside production for a
 * number not on the whitelist, skips it and copies the team; returns the records to keep.
 * Writes nothing: the caller stores the records with its outcome in one write.
 */
@Injectable()
export class NotificationDispatcher implements OnModuleInit {
  private readonly logger = new Logger(NotificationDispatcher.name);

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(MESSAGE_PROVIDERS) private readonly providers: ChannelProviders,
    @Inject(WHITELIST_REPOSITORY) private readonly whitelist: WhitelistRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const sandboxed = Object.values(this.providers).filter((provider) => provider.name === 'sandbox');
    if (this.config.appEnv === 'production' && sandboxed.length > 0) {
      this.logger.warn(`production with no provider for ${sandboxed.map((p) => p.channel).join(', ')}: those messages are only recorded`);
    }
  }

  async dispatch(request: NotificationRequest): Promise<DispatchResult> {
    const order = clientChannelOrder(request.preferredChannel, this.config.defaultChannel);
    const audience = decideAudience({
      appEnv: this.config.appEnv,
      customerPhone: request.customerPhone,
      isWhitelisted: await this.whitelist.contains(request.customerPhone),
      team: { email: this.config.copyEmail, whatsapp: this.config.copyWhatsapp },
    });
    if (audience.kind === 'CLIENT') {
      const clientRecord = await this.sendToClient(request, order);
      return { clientRecord, records: [clientRecord] };
    }
    const clientRecord = this.record(request, {
      to: request.customerPhone,
      channel: order[0],
      status: 'SKIPPED',
      provider: NO_PROVIDER,
    });
    const copies: NotificationRecord[] = [];
    for (const target of audience.copies) {
      const provider = this.providers[target.channel];
      const result = await provider.send({
        to: target.to,
        subject: `[copy] ${request.subject}`,
        text: teamCopyText(request.customerPhone, request.text),
      });
      if (!result.delivered) this.logger.warn(`${request.kind} copy for ${describeAbout(request)} via ${provider.name} failed: ${result.reason}`);
      copies.push(
        this.record(
          request,
          { to: target.to, channel: target.channel, status: result.delivered ? 'COPIED' : 'FAILED', provider: provider.name },
          teamCopyText(request.customerPhone, request.recorded.body),
        ),
      );
    }
    this.logger.log(`${request.kind} for ${describeAbout(request)} skipped outside production; team copied`);
    return { clientRecord, records: [clientRecord, ...copies] };
  }

  /** The record of a message that could not even be composed (e.g. an unopenable OTP). */
  undeliverable(request: NotificationAbout & Omit<NotificationContent, 'text' | 'subject'>): DispatchResult {
    const order = clientChannelOrder(request.preferredChannel, this.config.defaultChannel);
    const clientRecord = this.record(
      { ...request, subject: '', text: '' },
      { to: request.customerPhone, channel: order[0], status: 'FAILED', provider: NO_PROVIDER },
    );
    return { clientRecord, records: [clientRecord] };
  }

  private async sendToClient(request: NotificationRequest, order: NotificationChannel[]): Promise<NotificationRecord> {
    const tried: string[] = [];
    for (const channel of order) {
      const provider = this.providers[channel];
      const result = await provider.send({ to: request.customerPhone, subject: request.subject, text: request.text });
      if (result.delivered) {
        if (tried.length > 0) this.logger.warn(`${request.kind} for ${describeAbout(request)} failed over to ${channel}`);
        return this.record(request, { to: request.customerPhone, channel, status: 'SENT', provider: provider.name });
      }
      this.logger.warn(`${request.kind} for ${describeAbout(request)} via ${provider.name} failed: ${result.reason}`);
      tried.push(provider.name);
    }
    this.logger.error(`${request.kind} for ${describeAbout(request)} failed on every channel`);
    return this.record(request, {
      to: request.customerPhone,
      channel: order[0],
      status: 'FAILED',
      provider: tried.join(','),
    });
  }

  private record(
    request: NotificationRequest,
    delivery: { to: string; channel: NotificationChannel; status: NotificationStatus; provider: string },
    body = request.recorded.body,
  ): NotificationRecord {
    const record: NotificationRecord = {
      id: randomUUID(),
      to: delivery.to,
      customerPhone: request.customerPhone,
      ...(request.intentId !== undefined ? { intentId: request.intentId } : {}),
      channel: delivery.channel,
      kind: request.kind,
      status: delivery.status,
      provider: delivery.provider,
      body,
      createdAt: this.clock.now().toISOString(),
    };
    if (request.recorded.otp !== undefined) record.otp = request.recorded.otp;
    return record;
  }
}

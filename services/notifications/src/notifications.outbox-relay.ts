import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, OutboxBatch, OutboxRelay } from '@cashout/platform';
import { NOTIFICATION_RECORD_REPOSITORY, NotificationRecordRepository } from './notification-record.repository.port';

/** Relays the outcome events stored with the records to the bus. */
@Injectable()
export class NotificationsOutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(NOTIFICATION_RECORD_REPOSITORY) private readonly records: NotificationRecordRepository,
  ) {
    this.relay = new OutboxRelay(bus, [records]);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /** Relays the outcome a dispatch was just stored with; a failure is left to the periodic pass. */
  async relayNow(batch: OutboxBatch): Promise<void> {
    await this.relay.relayBatch(this.records, batch);
  }
}

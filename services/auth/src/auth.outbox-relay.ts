import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, OutboxBatch, OutboxRelay, OutboxSource } from '@cashout/platform';
import { OTP_REPOSITORY, OtpRepository } from './otp.repository.port';
import { USER_REPOSITORY, UserRepository } from './user.repository.port';

/** Relays the messages saved with auth's documents (users and OTPs) to the bus. */
@Injectable()
export class AuthOutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(@Inject(MESSAGE_BUS) bus: MessageBus, @Inject(USER_REPOSITORY) users: UserRepository, @Inject(OTP_REPOSITORY) otps: OtpRepository) {
    this.relay = new OutboxRelay(bus, [users, otps]);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /**
   * Relays what a save just wrote instead of waiting for the safety-net pass. Awaited by
   * handlers so the outcome is on the bus before the triggering message is acknowledged; a
   * failure is logged by the relay and left to its pass.
   */
  async relayNow(source: OutboxSource, batch: OutboxBatch): Promise<void> {
    await this.relay.relayBatch(source, batch);
  }
}

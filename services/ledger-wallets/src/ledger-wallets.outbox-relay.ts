import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, OutboxRelay, OutgoingMessage } from '@cashout/platform';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';

/** Relays the messages saved with the lines of the intents' streams to the bus. */
@Injectable()
export class LedgerWalletsOutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
  ) {
    this.relay = new OutboxRelay(bus, [intents.streams]);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /** Relays what a line of an intent's stream was just appended with; a failure is left to the periodic pass. */
  relayNow(lineId: string, messages: OutgoingMessage[]): Promise<boolean> {
    return this.relay.relayNow(this.intents.streams, lineId, messages);
  }
}

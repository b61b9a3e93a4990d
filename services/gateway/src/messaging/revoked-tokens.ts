import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { MESSAGE_BUS, MessageBus, consumeMessages } from '@cashout/platform';
import { Message, TOPICS } from '@cashout/shared-contracts';

/**
 * Which tokens are revoked, known locally so the check costs no round trip per request. A
 * token names the user's token version at issue (`tv`, absent = 0); auth raises the version
 * when it locks or unlocks the user and publishes UserAccessChanged on the access topic.
 * Every gateway instance reads that whole topic (compacted: the latest change per user)
 * through a consumer group of its own, from where the bus starts new groups: the beginning
 * in production, so a new instance knows every revocation too (test stacks sharing one Kafka
 * start new groups at the end, so as not to read other runs' users). A token whose version
 * is below the user's latest is refused.
 */
@Injectable()
export class RevokedTokens implements OnModuleInit {
  private readonly logger = new Logger(RevokedTokens.name);
  private readonly group = `gateway-access-${randomUUID()}`;
  /** User id → the lowest token version still valid. */
  private readonly validFrom = new Map<string, number>();

  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async onModuleInit(): Promise<void> {
    await consumeMessages(this.bus, {
      group: this.group,
      topics: [TOPICS.authAccess],
      ephemeral: true,
      handlers: { UserAccessChanged: async (message) => this.apply(message) },
    });
  }

  isRevoked(userId: string, tokenVersion: number | undefined): boolean {
    return (tokenVersion ?? 0) < (this.validFrom.get(userId) ?? 0);
  }

  private apply(message: Message<'UserAccessChanged'>): void {
    const { userId, tokenVersion, change } = message.payload;
    // Versions only rise; a redelivered or older change lowers nothing.
    if (tokenVersion <= (this.validFrom.get(userId) ?? 0)) return;
    this.validFrom.set(userId, tokenVersion);
    this.logger.log(`tokens of user ${userId} before version ${tokenVersion} revoked (${change})`);
  }
}

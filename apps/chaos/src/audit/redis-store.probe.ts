import Redis from 'ioredis';
import { ReservationState } from '../domain/audit-input';
import { StoreProbe } from './store-probe.port';

const STATES = new Set<string>(['ACTIVE', 'RELEASED', 'COMMITTED']);

/**
 * Reads the risk engine's reservations in Redis: a hash `reservation:<intentId>` under the
 * risk engine's key prefix, whose `status` is ACTIVE, RELEASED or COMMITTED.
 */
export class RedisStoreProbe implements StoreProbe {
  private readonly redis: Redis;

  constructor(redisUrl: string) {
    this.redis = new Redis(redisUrl, { keyPrefix: 'cashout:risk-engine:', lazyConnect: true, maxRetriesPerRequest: 3 });
  }

  async reservations(intentIds: string[]): Promise<Record<string, ReservationState>> {
    if (this.redis.status === 'wait') await this.redis.connect();
    const out: Record<string, ReservationState> = {};
    for (let offset = 0; offset < intentIds.length; offset += 200) {
      const batch = intentIds.slice(offset, offset + 200);
      const pipeline = this.redis.pipeline();
      for (const id of batch) pipeline.hget(`reservation:${id}`, 'status');
      const replies = (await pipeline.exec()) ?? [];
      batch.forEach((id, index) => {
        const [error, status] = replies[index] ?? [null, null];
        if (error) throw error;
        out[id] = typeof status === 'string' && STATES.has(status) ? (status as ReservationState) : 'MISSING';
      });
    }
    return out;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

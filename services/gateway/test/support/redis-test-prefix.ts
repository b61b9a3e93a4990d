import type Redis from 'ioredis';

let sequence = 0;

/** A service name that gives a connection a key prefix no other test or process uses. */
export function uniqueRedisService(service: string): string {
  sequence += 1;
  return `test-${service}-${process.pid}-${Date.now().toString(36)}-${sequence}`;
}

/** Deletes every key under the connection's prefix (SCAN and DEL get raw, unprefixed names). */
export async function dropRedisPrefix(redis: Redis): Promise<void> {
  const prefix = String(redis.options.keyPrefix ?? '');
  if (!prefix.startsWith('cashout:test-')) throw new Error(`refusing to drop keys under ${prefix || 'no prefix'}`);
  const raw = redis.duplicate({ keyPrefix: '' });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await raw.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await raw.quit();
  }
}

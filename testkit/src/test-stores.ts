import mongoose, { Connection } from 'mongoose';
import type Redis from 'ioredis';
import { realServers, uniqueDatabaseUrl } from './real-servers';

let opened = 0;
let sequence = 0;

export interface TestDatabase {
  connection: Connection;
  /** Drops the database and closes the connection. */
  drop: () => Promise<void>;
}

/**
 * A fresh database of its own on the real server (FerretDB here) for one test: suites and
 * tests never see each other's documents. Fails, never skips, when no server is configured.
 */
export async function openTestDatabase(service: string): Promise<TestDatabase> {
  const { mongoUrl } = realServers();
  opened += 1;
  const database = `${new URL(uniqueDatabaseUrl(mongoUrl, service)).pathname.slice(1)}-${opened}`;
  const connection = await mongoose.createConnection(mongoUrl, { dbName: database, autoIndex: false }).asPromise();
  return {
    connection,
    drop: async () => {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

/** A service name that gives a Redis connection a key prefix no other test or process uses. */
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

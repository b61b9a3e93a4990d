import { Connection } from 'mongoose';
import { connectMongo } from '@cashout/platform';
import { realServers, uniqueDatabaseUrl } from '@cashout/testkit';

let opened = 0;

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
  const connection = await connectMongo(mongoUrl, database);
  return {
    connection,
    drop: async () => {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

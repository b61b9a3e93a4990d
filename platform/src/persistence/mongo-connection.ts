import mongoose, { Connection } from 'mongoose';

export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');

/**
 * The database a service owns on the server: `<prefix>-<service>`, where the prefix is the
 * database named in the URL (default `cashout`). Services share the server, never a
 * collection; a deployment or test run picks its own prefix.
 */
export function serviceDatabaseName(url: string, service: string): string {
  // Hosts may be a list (h1:1,h2:2), which URL cannot parse: read the path by hand.
  const afterHosts = url.replace(/^mongodb(\+srv)?:\/\/[^/]*/, '');
  const prefix = afterHosts.replace(/^\//, '').split('?')[0];
  return `${prefix || 'cashout'}-${service}`;
}

/**
 * A connection to the service's own database. Indexes are created explicitly at start-up
 * (`syncIndexes`), not by mongoose behind the scenes.
 */
export async function connectMongo(url: string, service: string): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName: serviceDatabaseName(url, service),
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 15_000,
  });
  await connection.asPromise();
  return connection;
}

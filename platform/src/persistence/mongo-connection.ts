import mongoose, { Connection } from 'mongoose';

export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');

/**
 * A connection to the service's own database on the server: services share the server,
 * never a collection. Indexes are created explicitly at start-up (`syncIndexes`), not by
 * mongoose behind the scenes.
 */
export async function connectMongo(url: string, database: string): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName: database,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 15_000,
  });
  await connection.asPromise();
  return connection;
}

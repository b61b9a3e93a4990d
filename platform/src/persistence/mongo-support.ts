import { Connection, mongo, Schema } from 'mongoose';

/**
 * The native collection behind a mongoose connection. Repositories write with the driver's
 * operators directly (exact control over the single-document filters and updates the
 * MongoDB-compatible test server supports, no casting or minimizing of nested objects);
 * mongoose owns the connection and the index declarations. `ignoreUndefined` keeps
 * optional fields absent rather than stored as null, so documents read back as written.
 */
export function nativeCollection<T extends mongo.Document>(connection: Connection, name: string): mongo.Collection<T> {
  if (!connection.db) throw new Error(`mongo connection is not open (collection ${name})`);
  return connection.db.collection<T>(name, { ignoreUndefined: true });
}

/** Declares a collection's indexes in code and creates them (autoIndex is off on purpose). */
export async function syncIndexes(
  connection: Connection,
  name: string,
  indexes: Array<{ fields: Record<string, 1 | -1>; options?: { unique?: boolean; name?: string } }>,
): Promise<void> {
  const schema = new Schema({ _id: String }, { strict: false, versionKey: false, autoIndex: false, collection: name });
  for (const index of indexes) schema.index(index.fields, index.options);
  const model = connection.models[name] ?? connection.model(name, schema, name);
  await model.syncIndexes();
}

/**
 * E11000, or FerretDB 1.x's answer to a unique-index violation by an update or replace: an
 * InternalError carrying its storage's own error (inserts do answer E11000) — PostgreSQL's
 * SQLSTATE 23505, or SQLite's "UNIQUE constraint failed".
 */
export const isDuplicateKey = (error: unknown): boolean =>
  error instanceof mongo.MongoServerError &&
  (error.code === 11000 || (error.code === 1 && (error.message.includes('SQLSTATE 23505') || error.message.includes('UNIQUE constraint failed'))));

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
 * InternalError carrying SQLite's "UNIQUE constraint failed" (inserts do answer E11000).
 */
export const isDuplicateKey = (error: unknown): boolean =>
  error instanceof mongo.MongoServerError &&
  (error.code === 11000 || (error.code === 1 && error.message.includes('UNIQUE constraint failed')));

/**
 * Serializes this process's writes to one document. MongoDB applies a filtered update
 * atomically, but FerretDB 1.x (the test server) reads, modifies and writes back without
 * isolation: measured there, 20 concurrent `$inc`s of one field lost 3 and two updates
 * filtered on the same version both matched. Queuing writes per document id keeps the
 * conditional updates correct on it for writers in one process; across processes only a
 * real MongoDB gives the atomicity (on it, the queue only costs some per-document latency).
 */
export class DocumentLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, write: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(write, write);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/**
 * A caller-supplied id as a field name: `.` and `$` have meaning in field paths, so they
 * (and the escape character) are percent-encoded. Maps keyed this way let one filter test
 * a member (`holds.<key>`), which FerretDB 1.x cannot do on arrays of subdocuments.
 */
export const fieldKey = (id: string): string => id.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24');
export const fromFieldKey = (key: string): string => key.replace(/%2E/g, '.').replace(/%24/g, '$').replace(/%25/g, '%');

/**
 * Removes outbox entries by id. `$pull` with a condition ({id: {$in}}) is silently a no-op
 * on FerretDB 1.x, so the entries are read and removed by exact value with `$pullAll`.
 */
export async function pullOutboxEntries<T extends { _id: string; outbox: Array<{ id: string }> }>(
  collection: mongo.Collection<T>,
  locks: DocumentLocks,
  documentId: string,
  entryIds: string[],
): Promise<void> {
  const relayed = new Set(entryIds);
  await locks.run(documentId, async () => {
    const stored = await collection.findOne({ _id: documentId } as mongo.Filter<T>, { projection: { outbox: 1 } });
    const entries = (stored?.outbox ?? []).filter((entry) => relayed.has(entry.id));
    if (entries.length === 0) return;
    await collection.updateOne({ _id: documentId } as mongo.Filter<T>, { $pullAll: { outbox: entries } } as unknown as mongo.UpdateFilter<T>);
  });
}

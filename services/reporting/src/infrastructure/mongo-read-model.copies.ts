import { Connection, mongo } from 'mongoose';
import { nativeCollection, syncIndexes } from '@cashout/platform/mongo';
import { IntentFacts } from '../domain/intent-facts';

export type FactsRecord = Omit<IntentFacts, 'intentId'> & { _id: string };

/** The copy served before any replay: the collection the read model was first written to. */
export const FIRST_COPY = 'intents';

/** One document naming the copy of the read model that is served (`_id: 'intents'`). */
const POINTER = 'read_model';

interface PointerRecord {
  _id: string;
  collection: string;
  installedAt: string;
}

export const toFacts = ({ _id, ...facts }: FactsRecord): IntentFacts => ({ intentId: _id, ...facts });
export const toRecord = ({ intentId, ...facts }: IntentFacts): FactsRecord => ({ _id: intentId, ...facts });

/** Indexed by agent and day (the reports) and by partition and offset (the last applied offset). */
export async function indexCopy(connection: Connection, collection: string): Promise<void> {
  await syncIndexes(connection, collection, [{ fields: { agentPhone: 1, day: 1 } }, { fields: { 'position.partition': 1, 'position.offset': -1 } }]);
}

/** The name of the copy that is served: the pointer's, else the first copy. */
export async function servedCopy(connection: Connection): Promise<string> {
  const pointer = await nativeCollection<PointerRecord>(connection, POINTER).findOne({ _id: FIRST_COPY });
  return pointer?.collection ?? FIRST_COPY;
}

export interface InstalledCopy {
  /** The copy now served. */
  copy: string;
  /** The copy served before, kept to go back to by hand. */
  previous: string;
  /** Older copies dropped. */
  dropped: string[];
}

const BATCH = 1_000;

/**
 * The copies of the read model on MongoDB, for a replay: a rebuilt model is written whole
 * into a fresh collection while the served one is untouched, then served by rewriting one
 * pointer document — a single write, so a reader sees the old model or the new one, never a
 * mix, and a replay that stops half-way leaves the served model as it was. FerretDB cannot
 * rename over an existing collection, which is why a pointer and not a rename.
 */
export class MongoReadModelCopies {
  constructor(private readonly connection: Connection) {}

  /** Every intent's facts in the served copy. */
  async servedFacts(): Promise<IntentFacts[]> {
    const records = await nativeCollection<FactsRecord>(this.connection, await servedCopy(this.connection))
      .find({})
      .toArray();
    return records.map(toFacts);
  }

  /** Writes the facts into a fresh copy, indexes it, serves it, and drops copies older than the one it replaces. */
  async install(facts: readonly IntentFacts[], now = new Date()): Promise<InstalledCopy> {
    const previous = await servedCopy(this.connection);
    const copy = `${FIRST_COPY}_${now.getTime()}`;
    const target: mongo.Collection<FactsRecord> = nativeCollection<FactsRecord>(this.connection, copy);
    await indexCopy(this.connection, copy);
    for (let start = 0; start < facts.length; start += BATCH) {
      await target.insertMany(facts.slice(start, start + BATCH).map(toRecord), { ordered: false });
    }
    await nativeCollection<PointerRecord>(this.connection, POINTER).replaceOne(
      { _id: FIRST_COPY },
      { collection: copy, installedAt: now.toISOString() },
      { upsert: true },
    );
    const dropped: string[] = [];
    const database = this.connection.db;
    if (!database) throw new Error('mongo connection is not open (reporting copies)');
    for (const { name } of await database.listCollections({}, { nameOnly: true }).toArray()) {
      const isCopy = name === FIRST_COPY || name.startsWith(`${FIRST_COPY}_`);
      if (!isCopy || name === copy || name === previous) continue;
      await database.dropCollection(name);
      dropped.push(name);
    }
    return { copy, previous, dropped };
  }
}

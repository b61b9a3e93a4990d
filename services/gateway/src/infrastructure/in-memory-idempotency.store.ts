import { Clock, DuplicateKeyError, InMemoryCollection } from '@cashout/platform';
import { IdempotencyRecord, StoredOutcome, isLive } from '../domain/idempotency';
import { ClaimResult, IdempotencyStore } from '../idempotency/idempotency-store.port';

interface IdempotencyDocument extends IdempotencyRecord {
  id: string;
  version: number;
}

const toRecord = ({ id: _id, version: _version, ...record }: IdempotencyDocument): IdempotencyRecord => record;

/** The in-memory twin of the idempotency store; expired records count as absent. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly collection = new InMemoryCollection<IdempotencyDocument>();

  constructor(private readonly clock: Clock) {}

  async claim(key: string, fingerprint: string, ttlMs: number): Promise<ClaimResult> {
    const nowMs = this.clock.now().getTime();
    const fresh: IdempotencyDocument = {
      id: key,
      version: 1,
      key,
      fingerprint,
      state: 'IN_FLIGHT',
      expiresAtMs: nowMs + ttlMs,
    };
    const stored = await this.collection.findById(key);
    if (!stored) {
      try {
        await this.collection.insert(fresh);
        return { claimed: true } as const;
      } catch (error) {
        // Another request claimed the key between the read and the insert: read again.
        if (error instanceof DuplicateKeyError) return this.claim(key, fingerprint, ttlMs);
        throw error;
      }
    }
    if (isLive(stored, nowMs)) return { claimed: false, existing: toRecord(stored) } as const;
    const replaced = await this.collection.replace({ ...fresh, version: stored.version + 1 });
    if (replaced) return { claimed: true } as const;
    const winner = await this.collection.findById(key);
    return winner ? ({ claimed: false, existing: toRecord(winner) } as const) : this.claim(key, fingerprint, ttlMs);
  }

  async find(key: string): Promise<IdempotencyRecord | undefined> {
    const stored = await this.collection.findById(key);
    return stored && isLive(stored, this.clock.now().getTime()) ? toRecord(stored) : undefined;
  }

  async complete(key: string, fingerprint: string, outcome: StoredOutcome): Promise<void> {
    await this.collection.update(key, (document) =>
      document.fingerprint === fingerprint && document.state === 'IN_FLIGHT'
        ? { ...document, version: document.version + 1, state: 'DONE', outcome }
        : undefined,
    );
  }

  async release(key: string, fingerprint: string): Promise<void> {
    // Expiring the record frees the key without a delete operation on the collection.
    await this.collection.update(key, (document) =>
      document.fingerprint === fingerprint && document.state === 'IN_FLIGHT'
        ? { ...document, version: document.version + 1, expiresAtMs: 0 }
        : undefined,
    );
  }
}

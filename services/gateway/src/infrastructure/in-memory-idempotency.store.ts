import { Clock, DuplicateKeyError, InMemoryCollection } from '@cashout/platform';
import { ClaimTerms, IdempotencyRecord, StoredOutcome, claimRecord, isLive } from '../domain/idempotency';
import { ClaimResult, IdempotencyStore } from '../idempotency-store.port';

interface IdempotencyDocument extends IdempotencyRecord {
  id: string;
  version: number;
}

const toRecord = ({ id: _id, version: _version, ...record }: IdempotencyDocument): IdempotencyRecord => record;

/** The in-memory twin of the idempotency store; expired records count as absent. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly collection = new InMemoryCollection<IdempotencyDocument>();

  constructor(private readonly clock: Clock) {}

  async claim(key: string, fingerprint: string, owner: string, terms: ClaimTerms): Promise<ClaimResult> {
    const nowMs = this.clock.now().getTime();
    const stored = await this.collection.findById(key);
    const claim = claimRecord(stored && toRecord(stored), key, fingerprint, owner, nowMs, terms);
    if (!claim.claimed) return claim;
    if (!stored) {
      try {
        await this.collection.insert({ ...claim.record, id: key, version: 1 });
        return { claimed: true, takenOver: false };
      } catch (error) {
        // Another request claimed the key between the read and the insert: decide again.
        if (error instanceof DuplicateKeyError) return this.claim(key, fingerprint, owner, terms);
        throw error;
      }
    }
    // Optimistic: only one of concurrent claims replaces the version it read.
    if (await this.collection.replace({ ...claim.record, id: key, version: stored.version + 1 })) {
      return { claimed: true, takenOver: claim.takenOver };
    }
    return this.claim(key, fingerprint, owner, terms);
  }

  async find(key: string): Promise<IdempotencyRecord | undefined> {
    const stored = await this.collection.findById(key);
    return stored && isLive(stored, this.clock.now().getTime()) ? toRecord(stored) : undefined;
  }

  async complete(key: string, owner: string, outcome: StoredOutcome): Promise<boolean> {
    const updated = await this.collection.update(key, (document) =>
      document.owner === owner && document.state === 'IN_FLIGHT' && isLive(document, this.clock.now().getTime())
        ? { ...document, version: document.version + 1, state: 'DONE', outcome }
        : undefined,
    );
    return updated !== undefined;
  }

  async release(key: string, owner: string): Promise<void> {
    // Expiring the record frees the key without a delete operation on the collection.
    await this.collection.update(key, (document) =>
      document.owner === owner && document.state === 'IN_FLIGHT'
        ? { ...document, version: document.version + 1, expiresAtMs: 0, leaseExpiresAtMs: 0 }
        : undefined,
    );
  }
}

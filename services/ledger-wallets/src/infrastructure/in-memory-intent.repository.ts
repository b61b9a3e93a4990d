import { DuplicateKeyError, InMemoryCollection, OutboxBatch, OutboxEntry } from '@cashout/platform';
import { IntentPhase, isPublic } from '../domain/intent';
import { IntentDocument, IntentPage, IntentQuery, IntentRepository } from '../intent.repository.port';

const encodeCursor = (document: IntentDocument) =>
  Buffer.from(`${document.createdAt}|${document.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } | undefined {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return createdAt && id ? { createdAt, id } : undefined;
}

/** Newest first, ties broken by id: a stable order for cursor pagination. */
const newestFirst = (a: IntentDocument, b: IntentDocument) =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

export class InMemoryIntentRepository implements IntentRepository {
  private readonly collection = new InMemoryCollection<IntentDocument>();
  private readonly outbox = this.collection.outboxSource();

  async insert(document: IntentDocument): Promise<'inserted' | 'exists'> {
    try {
      await this.collection.insert(document);
      return 'inserted';
    } catch (error) {
      if (error instanceof DuplicateKeyError) return 'exists';
      throw error;
    }
  }

  findById(id: string): Promise<IntentDocument | undefined> {
    return this.collection.findById(id);
  }

  update(state: Omit<IntentDocument, 'outbox'>, outbox: OutboxEntry[]): Promise<boolean> {
    return this.collection.replaceAppendingOutbox(state, outbox);
  }

  async list(query: IntentQuery): Promise<IntentPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const matching = (
      await this.collection.find(
        (document) =>
          isPublic(document.phase) &&
          (!query.initiatorUserId || document.agent?.userId === query.initiatorUserId) &&
          (!query.status || document.phase === query.status),
      )
    )
      .sort(newestFirst)
      .filter(
        (document) =>
          !after ||
          document.createdAt < after.createdAt ||
          (document.createdAt === after.createdAt && document.id < after.id),
      );
    const items = matching.slice(0, query.limit);
    const nextCursor = matching.length > query.limit ? encodeCursor(items[items.length - 1]) : null;
    return { items, nextCursor };
  }

  async findExpired(phases: readonly IntentPhase[], now: Date, limit: number): Promise<IntentDocument[]> {
    const iso = now.toISOString();
    return (await this.collection.find((document) => phases.includes(document.phase) && document.expiresAt <= iso)).slice(
      0,
      limit,
    );
  }

  async findStalled(before: Date, limit: number): Promise<IntentDocument[]> {
    const iso = before.toISOString();
    return (
      await this.collection.find((document) => document.phase === 'PROCESSING' && document.updatedAt <= iso)
    ).slice(0, limit);
  }

  pendingOutbox(limit: number): Promise<OutboxBatch[]> {
    return this.outbox.pendingOutbox(limit);
  }

  markRelayed(documentId: string, entryIds: string[]): Promise<void> {
    return this.outbox.markRelayed(documentId, entryIds);
  }
}

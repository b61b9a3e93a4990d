import { OutboxBatch, OutboxEntry, OutboxSource } from '../outbox/outbox-relay';
import { VersionedDocument } from './in-memory-collection';
import { lineKey } from './in-memory-stream-store';
import { StreamStore } from './stream-store.port';

type StateOf<D> = Omit<D, 'version' | 'outbox'>;

/**
 * Whole documents saved "at version n" over a stream store: saving version n inserts line n
 * of the document's stream, so of two writers that read version n − 1 exactly one saves
 * (the only atomic write the test server offers; see StreamStore). The messages a save
 * causes are that line's outbox.
 */
export class VersionedDocuments<D extends VersionedDocument> implements OutboxSource {
  constructor(readonly streams: StreamStore<StateOf<D>>) {}

  /** The document as its head says (a save at a stale version fails, and repairs the head). */
  async find(id: string): Promise<D | undefined> {
    const line = await this.streams.head(id);
    return line ? ({ ...line.state, version: line.seq } as unknown as D) : undefined;
  }

  /** False when version `document.version` exists already: the caller re-reads and decides again. */
  async save(document: D & { outbox?: unknown }, outbox: OutboxEntry[] = []): Promise<boolean> {
    const { version, outbox: _notStored, ...state } = document;
    const outcome = await this.streams.append({
      stream: document.id,
      seq: version,
      state: state as unknown as StateOf<D>,
      outbox: outbox.map((entry) => entry.message),
      at: new Date().toISOString(),
    });
    return outcome.kind === 'appended';
  }

  /** Where the relay finds the messages saved with `document` at its version. */
  batchOf(document: VersionedDocument, outbox: OutboxEntry[]): OutboxBatch {
    return { documentId: lineKey(document.id, document.version), entries: outbox };
  }

  pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]> {
    return this.streams.pendingOutbox(limit, writtenBefore);
  }

  markRelayed(documentId: string, entryIds: string[]): Promise<void> {
    return this.streams.markRelayed(documentId, entryIds);
  }
}

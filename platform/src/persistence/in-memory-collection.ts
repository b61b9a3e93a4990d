import { frozenCopy } from './immutable';

export interface VersionedDocument {
  id: string;
  version: number;
}

export class DuplicateKeyError extends Error {
  constructor(readonly key: string) {
    super(`duplicate key ${key}`);
    this.name = 'DuplicateKeyError';
  }
}

/**
 * The in-memory twin of a document collection: whole-document atomic writes, optimistic
 * concurrency on `version`. Documents are stored frozen (frozenCopy) and handed out as they
 * are, so callers never alias stored state and a read copies nothing.
 */
export class InMemoryCollection<T extends VersionedDocument> {
  private readonly documents = new Map<string, T>();

  async findById(id: string): Promise<T | undefined> {
    return this.documents.get(id);
  }

  async find(predicate: (document: T) => boolean): Promise<T[]> {
    return [...this.documents.values()].filter(predicate);
  }

  async insert(document: T): Promise<void> {
    if (this.documents.has(document.id)) throw new DuplicateKeyError(document.id);
    this.documents.set(document.id, frozenCopy(document));
  }

  /** Replaces the document iff its stored version is `document.version - 1`. */
  async replace(document: T): Promise<boolean> {
    const stored = this.documents.get(document.id);
    if (!stored || stored.version !== document.version - 1) return false;
    this.documents.set(document.id, frozenCopy(document));
    return true;
  }

  /** Atomic read-modify-write of one document, the in-memory `findOneAndUpdate`. */
  async update(id: string, change: (document: T) => T | undefined): Promise<T | undefined> {
    const stored = this.documents.get(id);
    if (!stored) return undefined;
    const next = change(stored);
    if (!next) return undefined;
    const updated = frozenCopy(next);
    this.documents.set(id, updated);
    return updated;
  }
}

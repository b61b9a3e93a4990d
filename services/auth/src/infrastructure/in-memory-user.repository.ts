import { Injectable } from '@nestjs/common';
import { DuplicateKeyError, InMemoryCollection, OutboxBatch, OutboxEntry, OutboxSource } from '@cashout/platform';
import { UserDocument, UserRepository } from '../user.repository.port';

@Injectable()
export class InMemoryUserRepository implements UserRepository {
  private readonly users = new InMemoryCollection<UserDocument>();
  private readonly outbox: OutboxSource = this.users.outboxSource();
  private readonly phones = new Set<string>();

  async findById(userId: string): Promise<UserDocument | undefined> {
    return this.users.findById(userId);
  }

  async findByPhone(phone: string): Promise<UserDocument | undefined> {
    const [found] = await this.users.find((user) => user.phone === phone);
    return found;
  }

  async save(document: Omit<UserDocument, 'outbox'>, outbox: OutboxEntry[] = []): Promise<boolean> {
    if (document.version !== 1) return this.users.replaceAppendingOutbox(document, outbox);
    // The phone is unique, as a MongoDB unique index would enforce it. Checked and taken
    // before the first await, so concurrent inserts of one phone cannot both pass.
    if (this.phones.has(document.phone)) return false;
    this.phones.add(document.phone);
    try {
      await this.users.insert({ ...document, outbox });
      return true;
    } catch (error) {
      this.phones.delete(document.phone);
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  pendingOutbox(limit: number): Promise<OutboxBatch[]> {
    return this.outbox.pendingOutbox(limit);
  }

  markRelayed(documentId: string, entryIds: string[]): Promise<void> {
    return this.outbox.markRelayed(documentId, entryIds);
  }
}

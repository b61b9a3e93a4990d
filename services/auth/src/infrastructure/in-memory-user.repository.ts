import { Injectable } from '@nestjs/common';
import { DuplicateKeyError, InMemoryCollection, OutboxBatch, OutboxSource } from '@cashout/platform';
import { UserDocument, UserRepository } from '../user.repository.port';

@Injectable()
export class InMemoryUserRepository implements UserRepository {
  private readonly users = new InMemoryCollection<UserDocument>();
  private readonly outbox: OutboxSource = this.users.outboxSource();

  async findById(userId: string): Promise<UserDocument | undefined> {
    return this.users.findById(userId);
  }

  async findByPhone(phone: string): Promise<UserDocument | undefined> {
    const [found] = await this.users.find((user) => user.phone === phone);
    return found;
  }

  async save(document: UserDocument): Promise<boolean> {
    if (document.version !== 1) return this.users.replace(document);
    // The phone is unique, as a MongoDB unique index would enforce it.
    if (await this.findByPhone(document.phone)) return false;
    try {
      await this.users.insert(document);
      return true;
    } catch (error) {
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

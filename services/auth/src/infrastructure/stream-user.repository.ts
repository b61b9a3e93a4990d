import { OutboxBatch, OutboxEntry, VersionedDocuments } from '@cashout/platform';
import { UserDocument, UserRepository } from '../user.repository.port';

/** Which user a phone belongs to: claimed once, by an insert with the phone as key. */
export interface PhoneOwners {
  /** Claims the phone for `userId`; returns the user it belongs to (the claimant, or an earlier one). */
  claim(phone: string, userId: string): Promise<string>;
  owner(phone: string): Promise<string | undefined>;
}

/** Users as versioned documents over a stream store, plus the phone → user records. */
export class StreamUserRepository implements UserRepository {
  constructor(
    private readonly users: VersionedDocuments<UserDocument>,
    private readonly phones: PhoneOwners,
  ) {}

  findById(userId: string): Promise<UserDocument | undefined> {
    return this.users.find(userId);
  }

  async findByPhone(phone: string): Promise<UserDocument | undefined> {
    const userId = await this.phones.owner(phone);
    return userId === undefined ? undefined : this.users.find(userId);
  }

  async save(document: UserDocument, outbox: OutboxEntry[] = []): Promise<boolean> {
    // The phone first: a user is only ever created with a phone that is its own.
    if (document.version === 1 && (await this.phones.claim(document.phone, document.id)) !== document.id) return false;
    return this.users.save(document, outbox);
  }

  batchOf(document: UserDocument, outbox: OutboxEntry[]): OutboxBatch {
    return this.users.batchOf(document, outbox);
  }

  pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]> {
    return this.users.pendingOutbox(limit, writtenBefore);
  }

  markRelayed(documentId: string, entryIds: string[]): Promise<void> {
    return this.users.markRelayed(documentId, entryIds);
  }
}

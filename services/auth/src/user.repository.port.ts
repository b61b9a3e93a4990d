import { Role } from '@cashout/shared-contracts';
import { OutboxEntry, OutboxSource } from '@cashout/platform';
import { PinState } from './domain/pin-attempt';

export const USER_REPOSITORY = Symbol('USER_REPOSITORY');

/** One user: identity, PIN hash and lockout, with the outbox of the messages its changes cause. */
export interface UserDocument extends PinState {
  /** The user id. */
  id: string;
  version: number;
  role: Role;
  phone: string;
  pinHash: string;
  outbox: OutboxEntry[];
}

/**
 * Users, written one whole document at a time with optimistic concurrency on `version`
 * (a MongoDB adapter: insertOne, and replaceOne filtered on {_id, version: version - 1};
 * a unique index on phone).
 */
export interface UserRepository extends OutboxSource {
  findById(userId: string): Promise<UserDocument | undefined>;
  findByPhone(phone: string): Promise<UserDocument | undefined>;
  /**
   * Inserts a document at version 1, or replaces the stored state at `version - 1`. False
   * when another write got there first (or the id or phone already exists): the caller
   * re-reads and retries. `outbox` is APPENDED to the stored outbox in the same atomic write
   * (the relay removes relayed entries concurrently, so the outbox is never rewritten); any
   * `outbox` field on `document` is ignored.
   */
  save(document: Omit<UserDocument, 'outbox'>, outbox?: OutboxEntry[]): Promise<boolean>;
}

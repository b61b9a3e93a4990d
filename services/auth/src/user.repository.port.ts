import { Role } from '@cashout/shared-contracts';
import { OutboxBatch, OutboxEntry, OutboxSource } from '@cashout/platform';
import { RecordedFailure } from './domain/otp-failure-budget';
import { AccessState } from './domain/user-access';

export const USER_REPOSITORY = Symbol('USER_REPOSITORY');

/** One user: identity, PIN hash, lockout and token version. */
export interface UserDocument extends AccessState {
  /** The user id. */
  id: string;
  version: number;
  role: Role;
  phone: string;
  pinHash: string;
  /** A client's recent wrong OTPs, across intents (see otp-failure-budget). */
  otpFailures?: RecordedFailure[];
  /** Who last lifted the user's PIN lock, and when (staff, POST /users/:id/unlock). */
  lastUnlock?: { by: string; at: string };
}

/**
 * Users, saved one whole version at a time with optimistic concurrency: version n is line n
 * of the user's stream (see the platform's VersionedDocuments), so two writers of a PIN
 * counter never both win; a phone belongs to one user (an insert-once record).
 */
export interface UserRepository extends OutboxSource {
  findById(userId: string): Promise<UserDocument | undefined>;
  findByPhone(phone: string): Promise<UserDocument | undefined>;
  /**
   * Saves the document as its version `document.version`, with the messages the change
   * causes, in one atomic write. False when that version exists already (or, at version 1,
   * the id or the phone is taken): the caller re-reads and decides again.
   */
  save(document: UserDocument, outbox?: OutboxEntry[]): Promise<boolean>;
  /** Where the relay finds the messages saved with `document`. */
  batchOf(document: UserDocument, outbox: OutboxEntry[]): OutboxBatch;
}

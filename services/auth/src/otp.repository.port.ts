import { OutboxEntry, OutboxSource } from '@cashout/platform';
import { OtpState } from './domain/otp';

export const OTP_REPOSITORY = Symbol('OTP_REPOSITORY');

/** The OTP of one intent (at most one live code per intent), with its embedded outbox. */
export interface OtpDocument extends OtpState {
  /** The intent id. */
  id: string;
  version: number;
  outbox: OutboxEntry[];
}

/** OTPs by intent, written one whole document at a time with optimistic concurrency on `version`. */
export interface OtpRepository extends OutboxSource {
  findByIntentId(intentId: string): Promise<OtpDocument | undefined>;
  /**
   * Inserts a document at version 1, or replaces the stored state at `version - 1`. False
   * when another write got there first: the caller re-reads and retries. `outbox` is
   * APPENDED to the stored outbox in the same atomic write (never rewritten: the relay
   * removes relayed entries concurrently); any `outbox` field on `document` is ignored.
   */
  save(document: Omit<OtpDocument, 'outbox'>, outbox?: OutboxEntry[]): Promise<boolean>;
}

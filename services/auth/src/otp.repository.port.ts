import { OutboxBatch, OutboxEntry, OutboxSource } from '@cashout/platform';
import { OtpState } from './domain/otp';

export const OTP_REPOSITORY = Symbol('OTP_REPOSITORY');

/** The OTP of one intent (at most one live code per intent). */
export interface OtpDocument extends OtpState {
  /** The intent id. */
  id: string;
  version: number;
}

/** OTPs by intent, saved one whole version at a time (version n is line n of the intent's OTP stream). */
export interface OtpRepository extends OutboxSource {
  findByIntentId(intentId: string): Promise<OtpDocument | undefined>;
  /** Saves version `document.version` with its messages; false when that version exists already. */
  save(document: OtpDocument, outbox?: OutboxEntry[]): Promise<boolean>;
  /** Where the relay finds the messages saved with `document`. */
  batchOf(document: OtpDocument, outbox: OutboxEntry[]): OutboxBatch;
}

import { OutboxBatch, OutboxEntry, VersionedDocuments } from '@cashout/platform';
import { OtpDocument, OtpRepository } from '../otp.repository.port';

/** OTPs as versioned documents over a stream store (in memory, or MongoDB: see MongoOtpRepository). */
export class StreamOtpRepository implements OtpRepository {
  constructor(private readonly otps: VersionedDocuments<OtpDocument>) {}

  findByIntentId(intentId: string): Promise<OtpDocument | undefined> {
    return this.otps.find(intentId);
  }

  save(document: OtpDocument, outbox: OutboxEntry[] = []): Promise<boolean> {
    return this.otps.save(document, outbox);
  }

  batchOf(document: OtpDocument, outbox: OutboxEntry[]): OutboxBatch {
    return this.otps.batchOf(document, outbox);
  }

  pendingOutbox(limit: number, writtenBefore?: Date): Promise<OutboxBatch[]> {
    return this.otps.pendingOutbox(limit, writtenBefore);
  }

  markRelayed(documentId: string, entryIds: string[]): Promise<void> {
    return this.otps.markRelayed(documentId, entryIds);
  }
}

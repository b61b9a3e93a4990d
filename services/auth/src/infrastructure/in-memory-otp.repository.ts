import { Injectable } from '@nestjs/common';
import { DuplicateKeyError, InMemoryCollection, OutboxBatch, OutboxEntry, OutboxSource } from '@cashout/platform';
import { OtpDocument, OtpRepository } from '../otp.repository.port';

@Injectable()
export class InMemoryOtpRepository implements OtpRepository {
  private readonly otps = new InMemoryCollection<OtpDocument>();
  private readonly outbox: OutboxSource = this.otps.outboxSource();

  async findByIntentId(intentId: string): Promise<OtpDocument | undefined> {
    return this.otps.findById(intentId);
  }

  async save(document: Omit<OtpDocument, 'outbox'>, outbox: OutboxEntry[] = []): Promise<boolean> {
    if (document.version !== 1) return this.otps.replaceAppendingOutbox(document, outbox);
    try {
      await this.otps.insert({ ...document, outbox });
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

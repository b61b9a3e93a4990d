import { Injectable } from '@nestjs/common';
import { InMemoryCollection } from '@cashout/platform';
import { QrConsumeOutcome } from '../domain/qr-token';
import { QrTokenRecord, QrTokenRepository } from '../qr-token.repository.port';

interface QrTokenDocument extends QrTokenRecord {
  id: string;
  version: number;
}

const toRecord = ({ id: _id, version: _version, ...record }: QrTokenDocument): QrTokenRecord => record;

@Injectable()
export class InMemoryQrTokenRepository implements QrTokenRepository {
  private readonly tokens = new InMemoryCollection<QrTokenDocument>();
  private readonly tokenIdByRequest = new Map<string, string>();

  async insert(record: QrTokenRecord): Promise<QrTokenRecord> {
    // The unique issueRequestId, checked and taken before any await so that concurrent
    // inserts for one request store one token, as the MongoDB unique index does.
    const existingId = this.tokenIdByRequest.get(record.issueRequestId);
    if (existingId !== undefined) {
      const existing = await this.tokens.findById(existingId);
      if (existing) return toRecord(existing);
    }
    this.tokenIdByRequest.set(record.issueRequestId, record.tokenId);
    await this.tokens.insert({ ...record, id: record.tokenId, version: 1 });
    return record;
  }

  async findById(tokenId: string): Promise<QrTokenRecord | undefined> {
    const found = await this.tokens.findById(tokenId);
    return found ? toRecord(found) : undefined;
  }

  async consume(tokenId: string, intentId: string): Promise<QrConsumeOutcome> {
    let outcome: QrConsumeOutcome = 'not-found';
    await this.tokens.update(tokenId, (token) => {
      if (token.consumedByIntentId === intentId) {
        outcome = 'already-consumed-by-same';
        return undefined;
      }
      if (token.consumedByIntentId !== undefined) {
        outcome = 'used-by-other';
        return undefined;
      }
      outcome = 'consumed';
      return { ...token, consumedByIntentId: intentId, version: token.version + 1 };
    });
    return outcome;
  }
}

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

  async insert(record: QrTokenRecord): Promise<QrTokenRecord> {
    const [existing] = await this.tokens.find((token) => token.issueRequestId === record.issueRequestId);
    if (existing) return toRecord(existing);
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

import { QrTokenRecord, QrTokenRepository } from '../src/qr-token.repository.port';
import { UnderTest } from './customer-profile.repository.contract';

const aToken = (overrides: Partial<QrTokenRecord> = {}): QrTokenRecord => ({
  tokenId: 'qr-1',
  tokenHash: 'hash-of-the-token',
  userId: 'usr-client-0001',
  issuedAt: '2026-01-15T10:00:00.000Z',
  expiresAt: '2026-01-15T10:05:00.000Z',
  issueRequestId: 'req-1',
  ...overrides,
});

/**
 * What every adapter of the QR token port must do: the in-memory twin runs it in `npm test`,
 * the MongoDB adapter against a real server in `npm run test:int`.
 */
export function describeQrTokenRepositoryContract(name: string, makeRepository: () => Promise<UnderTest<QrTokenRepository>>): void {
  describe(`${name} (QR token repository contract)`, () => {
    let under: UnderTest<QrTokenRepository>;
    let tokens: QrTokenRepository;

    beforeEach(async () => {
      under = await makeRepository();
      tokens = under.repository;
    });

    afterEach(async () => {
      await under.close();
    });

    it('stores a token and finds it by id', async () => {
      expect(await tokens.insert(aToken())).toEqual(aToken());

      expect(await tokens.findById('qr-1')).toEqual(aToken());
      expect(await tokens.findById('qr-2')).toBeUndefined();
    });

    it('hands back the first token when the same issue request comes again', async () => {
      await tokens.insert(aToken());

      expect(await tokens.insert(aToken({ tokenId: 'qr-2', tokenHash: 'other' }))).toEqual(aToken());
      expect(await tokens.findById('qr-2')).toBeUndefined();
    });

    it('stores one token when the same issue request is inserted concurrently', async () => {
      const stored = await Promise.all(['qr-a', 'qr-b', 'qr-c', 'qr-d'].map((tokenId) => tokens.insert(aToken({ tokenId }))));

      expect(new Set(stored.map((token) => token.tokenId)).size).toBe(1);
      const found = await Promise.all(['qr-a', 'qr-b', 'qr-c', 'qr-d'].map((tokenId) => tokens.findById(tokenId)));
      expect(found.filter(Boolean)).toHaveLength(1);
    });

    it('is consumed once; the same intent again is told apart from another intent', async () => {
      await tokens.insert(aToken());

      expect(await tokens.consume('qr-1', 'intent-1')).toBe('consumed');
      expect(await tokens.consume('qr-1', 'intent-1')).toBe('already-consumed-by-same');
      expect(await tokens.consume('qr-1', 'intent-2')).toBe('used-by-other');
      expect((await tokens.findById('qr-1'))?.consumedByIntentId).toBe('intent-1');
    });

    it('answers not-found for an unknown token', async () => {
      expect(await tokens.consume('qr-nope', 'intent-1')).toBe('not-found');
    });

    it('lets exactly one of many intents racing for one token consume it (Promise.all)', async () => {
      await tokens.insert(aToken());

      const outcomes = await Promise.all(Array.from({ length: 40 }, (_, index) => tokens.consume('qr-1', `intent-${index}`)));

      expect(outcomes.filter((outcome) => outcome === 'consumed')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'used-by-other')).toHaveLength(39);
      const winner = `intent-${outcomes.indexOf('consumed')}`;
      expect((await tokens.findById('qr-1'))?.consumedByIntentId).toBe(winner);
    });
  });
}

import { loadCustomerConfig } from '../src/customer.config';
import { checkQrTokenUse, qrConsumeResult } from '../src/domain/qr-token';
import { InMemoryQrTokenRepository } from '../src/infrastructure/in-memory-qr-token.repository';
import { QrTokenRecord } from '../src/qr-token.repository.port';
import { QrTokenSigner } from '../src/qr-token.signer';

const now = new Date('2026-01-15T10:00:00.000Z');
const token = { tokenId: 't1', userId: 'usr-client-1', expiresAt: '2026-01-15T10:02:00.000Z' };
const detail = (decision: { ok: boolean; error?: { details?: unknown } }) =>
  (decision.error?.details as Array<{ field: string; message: string }> | undefined)?.[0];

describe('checkQrTokenUse', () => {
  it('lets an intent consume a fresh, unused token', () => {
    expect(checkQrTokenUse(token, 'intent-1', now)).toEqual({ ok: true, value: { action: 'consume', token } });
  });

  it('accepts the same intent again once it consumed the token (redelivery)', () => {
    const used = { ...token, consumedByIntentId: 'intent-1' };
    const decision = checkQrTokenUse(used, 'intent-1', new Date('2026-01-15T11:00:00.000Z'));
    expect(decision.ok && decision.value.action).toBe('already-consumed-by-same');
  });

  it('refuses a token another intent used: "has already been used"', () => {
    const decision = checkQrTokenUse({ ...token, consumedByIntentId: 'intent-1' }, 'intent-2', now);
    expect(detail(decision)).toEqual({ field: 'clientQrToken', message: 'has already been used' });
  });

  it('refuses an unknown token: "is invalid or expired"', () => {
    expect(detail(checkQrTokenUse(undefined, 'intent-1', now))).toEqual({
      field: 'clientQrToken',
      message: 'is invalid or expired',
    });
  });

  it('refuses a token at its expiry instant: "is invalid or expired"', () => {
    const decision = checkQrTokenUse(token, 'intent-1', new Date(token.expiresAt));
    expect(detail(decision)).toEqual({ field: 'clientQrToken', message: 'is invalid or expired' });
  });

  it('accepts a token one millisecond before its expiry', () => {
    const decision = checkQrTokenUse(token, 'intent-1', new Date(Date.parse(token.expiresAt) - 1));
    expect(decision.ok).toBe(true);
  });
});

describe('qrConsumeResult', () => {
  it.each(['consumed', 'already-consumed-by-same'] as const)('accepts %s', (outcome) => {
    expect(qrConsumeResult(outcome).ok).toBe(true);
  });

  it('refuses a token a concurrent intent consumed first', () => {
    expect(detail(qrConsumeResult('used-by-other'))?.message).toBe('has already been used');
  });

  it('refuses a token that vanished from the store', () => {
    expect(detail(qrConsumeResult('not-found'))?.message).toBe('is invalid or expired');
  });
});

describe('QrTokenSigner', () => {
  const signer = new QrTokenSigner(loadCustomerConfig({ APP_ENV: 'test', QR_TOKEN_SECRET: 'a-qr-secret-of-at-least-32-characters' }));

  it('verifies a token it signed and returns its id', () => {
    const id = signer.newTokenId();
    expect(signer.verify(signer.sign(id))).toBe(id);
  });

  it('draws at least 128 random bits per token id', () => {
    expect(Buffer.from(signer.newTokenId(), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
  });

  it('refuses a token whose signature was tampered with', () => {
    const signed = signer.sign(signer.newTokenId());
    const tampered = `${signed.slice(0, -1)}${signed.endsWith('A') ? 'B' : 'A'}`;
    expect(signer.verify(tampered)).toBeUndefined();
  });

  it('refuses a token signed with another secret (forgery)', () => {
    const forger = new QrTokenSigner(loadCustomerConfig({ APP_ENV: 'test', QR_TOKEN_SECRET: 'another-secret-of-at-least-32-chars!!' }));
    expect(signer.verify(forger.sign(forger.newTokenId()))).toBeUndefined();
  });

  it.each(['', 'no-dot', 'a.b.c', '.sig'])('refuses the malformed token %p', (malformed) => {
    expect(signer.verify(malformed)).toBeUndefined();
  });

  it('matches a token only against its own hash', () => {
    const first = signer.sign(signer.newTokenId());
    const second = signer.sign(signer.newTokenId());
    expect(signer.matchesHash(first, signer.hash(first))).toBe(true);
    expect(signer.matchesHash(second, signer.hash(first))).toBe(false);
  });
});

describe('InMemoryQrTokenRepository', () => {
  const record: QrTokenRecord = {
    tokenId: 't1',
    tokenHash: 'hash',
    userId: 'usr-client-1',
    issuedAt: now.toISOString(),
    expiresAt: token.expiresAt,
    issueRequestId: 'msg-1',
  };

  it('consumes a token once; the same intent again is already-consumed-by-same, another is used-by-other', async () => {
    const repository = new InMemoryQrTokenRepository();
    await repository.insert(record);
    expect(await repository.consume('t1', 'intent-1')).toBe('consumed');
    expect(await repository.consume('t1', 'intent-1')).toBe('already-consumed-by-same');
    expect(await repository.consume('t1', 'intent-2')).toBe('used-by-other');
    expect((await repository.findById('t1'))?.consumedByIntentId).toBe('intent-1');
  });

  it('lets exactly one of many concurrent intents consume a token', async () => {
    const repository = new InMemoryQrTokenRepository();
    await repository.insert(record);
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => repository.consume('t1', `intent-${i}`)));
    expect(outcomes.filter((outcome) => outcome === 'consumed')).toHaveLength(1);
  });

  it('answers not-found for an unknown token', async () => {
    expect(await new InMemoryQrTokenRepository().consume('missing', 'intent-1')).toBe('not-found');
  });

  it('returns the first record when the same issue request is inserted again', async () => {
    const repository = new InMemoryQrTokenRepository();
    await repository.insert(record);
    const again = await repository.insert({ ...record, tokenId: 't2', tokenHash: 'other' });
    expect(again.tokenId).toBe('t1');
    expect(await repository.findById('t2')).toBeUndefined();
  });
});

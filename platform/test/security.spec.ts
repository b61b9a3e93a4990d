import { JwtCodec } from '../src/security/jwt';
import { SealedBox } from '../src/security/sealed-box';

describe('SealedBox', () => {
  const box = new SealedBox('a-test-seal-key-0123456789');

  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const sealed = box.seal('123456');

    expect(sealed).not.toContain('123456');
    expect(box.open(sealed)).toBe('123456');
  });

  it('seals the same secret differently each time', () => {
    expect(box.seal('1234')).not.toBe(box.seal('1234'));
  });

  it('refuses a tampered box and one sealed under another key', () => {
    const sealed = box.seal('1234');
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;

    expect(box.open(tampered)).toBeUndefined();
    expect(new SealedBox('another-key-0123456789').open(sealed)).toBeUndefined();
    expect(box.open('garbage')).toBeUndefined();
  });

  it('refuses a short key', () => {
    expect(() => new SealedBox('short')).toThrow(/at least 16/);
  });
});

describe('JwtCodec', () => {
  const codec = new JwtCodec('a-test-jwt-secret-0123456789');
  const now = new Date('2026-01-15T10:00:00.000Z');

  it('verifies its own token and returns the claims', () => {
    const token = codec.sign({ sub: 'usr-agent-0001', role: 'AGENT', phone: '+2250500000001' }, 60, now);

    expect(codec.verify(token, now)).toMatchObject({ sub: 'usr-agent-0001', role: 'AGENT' });
  });

  it('refuses an expired token', () => {
    const token = codec.sign({ sub: 'u', role: 'AGENT', phone: '+2250500000001' }, 60, now);

    expect(codec.verify(token, new Date(now.getTime() + 60_000))).toBeUndefined();
  });

  it('refuses a token signed with another secret or with altered claims', () => {
    const token = codec.sign({ sub: 'u', role: 'AGENT', phone: '+2250500000001' }, 60, now);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'u', role: 'ADMIN', phone: '+2250500000001', iat: 0, exp: 9e9 })).toString('base64url');

    expect(new JwtCodec('another-secret-0123456789').verify(token, now)).toBeUndefined();
    expect(codec.verify(`${header}.${forged}.${signature}`, now)).toBeUndefined();
  });

  it("refuses the 'none' algorithm", () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'u', role: 'ADMIN', phone: '+1', iat: 0, exp: 9e9 })).toString('base64url');

    expect(codec.verify(`${header}.${body}.`, now)).toBeUndefined();
  });
});

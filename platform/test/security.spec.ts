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
  const settings = {
    current: { id: 'k2', secret: 'a-test-jwt-secret-0123456789' },
    issuer: 'cashout-auth',
    audience: 'cashout-gateway',
    maxLifetimeSeconds: 3600,
  };
  const codec = new JwtCodec(settings);
  const now = new Date('2026-01-15T10:00:00.000Z');
  const agent = { sub: 'usr-agent-0001', role: 'AGENT', phone: '+2250500000001' } as const;
  const part = (token: string, index: number) => JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8')) as Record<string, unknown>;

  it('verifies its own token and returns the claims; the token names its key, issuer and audience', async () => {
    const token = await codec.sign(agent, 60, now);

    expect(await codec.verify(token, now)).toMatchObject({ sub: 'usr-agent-0001', role: 'AGENT' });
    expect(part(token, 0)).toMatchObject({ alg: 'HS256', kid: 'k2' });
    expect(part(token, 1)).toMatchObject({ iss: 'cashout-auth', aud: 'cashout-gateway', exp: (part(token, 1).iat as number) + 60 });
  });

  it('refuses an expired token', async () => {
    const token = await codec.sign(agent, 60, now);

    expect(await codec.verify(token, new Date(now.getTime() + 60_000))).toBeUndefined();
  });

  it('refuses a token signed with another secret, with altered claims, or with the none algorithm', async () => {
    const token = await codec.sign(agent, 60, now);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...part(token, 1), role: 'ADMIN' })).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'k2' })).toString('base64url');

    expect(await new JwtCodec({ ...settings, current: { id: 'k2', secret: 'another-secret-0123456789' } }).verify(token, now)).toBeUndefined();
    expect(await codec.verify(`${header}.${forged}.${signature}`, now)).toBeUndefined();
    expect(await codec.verify(`${none}.${token.split('.')[1]}.`, now)).toBeUndefined();
  });

  it('refuses a token for another audience or from another issuer, or naming a key it does not know', async () => {
    const token = await codec.sign(agent, 60, now);

    expect(await new JwtCodec({ ...settings, audience: 'another-service' }).verify(token, now)).toBeUndefined();
    expect(await new JwtCodec({ ...settings, issuer: 'someone-else' }).verify(token, now)).toBeUndefined();
    expect(await new JwtCodec({ ...settings, current: { ...settings.current, id: 'k3' } }).verify(token, now)).toBeUndefined();
  });

  it('refuses a token that lives longer than the longest life, and will not sign one', async () => {
    const longLived = await new JwtCodec({ ...settings, maxLifetimeSeconds: 31 * 365 * 86_400 }).sign(agent, 31 * 365 * 86_400, now);

    expect(await codec.verify(longLived, now)).toBeUndefined();
    await expect(codec.sign(agent, 3601, now)).rejects.toThrow(RangeError);
  });

  it('during a rotation, verifies tokens of the previous key and signs with the new one', async () => {
    const before = await codec.sign(agent, 60, now);
    const rotated = new JwtCodec({ ...settings, current: { id: 'k3', secret: 'the-next-jwt-secret-0123456789' }, previous: settings.current });
    const after = await rotated.sign(agent, 60, now);

    expect(await rotated.verify(before, now)).toMatchObject({ sub: 'usr-agent-0001' });
    expect(part(after, 0).kid).toBe('k3');
    expect(await codec.verify(after, now)).toBeUndefined();
  });
});

import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { createPlatformLogger, installPlatformLogger, PinoNestLogger } from '../src/logging/platform-logger';
import { maskPhones } from '../src/logging/mask-phones';

/** A logger writing into an array, one parsed JSON object per line. */
function capture(level: 'info' | 'debug' = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createPlatformLogger({ service: 'auth', instance: 'auth-1', level, destination });
  return { logger, lines, raw: () => JSON.stringify(lines) };
}

describe('phones in logs', () => {
  it('masks every E.164 number to its country prefix and last two digits, leaving other numbers', () => {
    expect(maskPhones('no client with phone +2250100000001 (intent 42, amount 5000)')).toBe('no client with phone +225********01 (intent 42, amount 5000)');
    expect(maskPhones('Login +2250500000002 and +33612345678')).toBe('Login +225********02 and +336******78');
    expect(maskPhones('offset 123456789012, +12 not a phone')).toBe('offset 123456789012, +12 not a phone');
  });

  it("writes Nest's log calls as masked JSON lines, whatever the level, with service, instance and context", () => {
    const { logger, lines, raw } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('login of +2250700000001 refused', 'Auth');
    nest.warn('parties rejected: no client with phone +2250100000009');
    nest.error('Login +2250500000001 failed', 'Error: boom\n    at x (y.js:1:2)', 'Gateway');

    expect(lines.map((line) => [line.level, line.msg, line.context])).toEqual([
      ['info', 'login of +225********01 refused', 'Auth'],
      ['warn', 'parties rejected: no client with phone +225********09', undefined],
      ['error', 'Login +225********01 failed', 'Gateway'],
    ]);
    expect(lines[0]).toMatchObject({ service: 'auth', instance: 'auth-1' });
    expect(typeof lines[0].time).toBe('number');
    expect(raw()).not.toMatch(/\+225\d{10}/);
  });

  it('honours the level: at info a debug line is not written', () => {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.info('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });
});

describe('secrets in logs', () => {
  it('redacts PINs, OTPs, tokens and authorization headers wherever a line carries them, and masks phones in fields', () => {
    const { logger, raw, lines } = capture();
    logger.info(
      {
        pin: '1234',
        otp: '987654',
        token: 'eyJhbGciOi.secret.token',
        clientPhone: '+2250100000001',
        payload: { sealedPin: 'sealed-pin-blob', sealedOtp: 'sealed-otp-blob', accessToken: 'access-token-value' },
        req: { headers: { authorization: 'Bearer abc.def.ghi' } },
        body: { sealedAccessToken: 'sealed-access', secrets: { jwt: 'jwt-secret-value' } },
      },
      'verify for +2250500000002',
    );
    const text = raw();
    for (const secret of [
      '1234',
      '987654',
      'eyJhbGciOi',
      'sealed-pin-blob',
      'sealed-otp-blob',
      'access-token-value',
      'abc.def.ghi',
      'sealed-access',
      'jwt-secret-value',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      pin: '[REDACTED]',
      otp: '[REDACTED]',
      token: '[REDACTED]',
      msg: 'verify for +225********02',
      clientPhone: '+225********01',
    });
    expect(text).not.toMatch(/\+225\d{10}/);
  });

  it('masks phones in errors logged through Nest', () => {
    const { logger, raw } = capture();
    installPlatformLogger(logger);
    new Logger('Customer').error(new Error('no client with phone +2250100000003'));
    expect(raw()).toContain('+225********03');
    expect(raw()).not.toMatch(/\+225\d{10}/);
  });
});

import { MaskingConsoleLogger, maskPhones } from '../src/nest/masking-console.logger';

describe('phones in logs', () => {
  it('masks every E.164 number to its country prefix and last two digits, leaving other numbers', () => {
    expect(maskPhones('no client with phone +2250100000001 (intent 42, amount 5000)')).toBe('no client with phone +225********01 (intent 42, amount 5000)');
    expect(maskPhones('Login +2250500000002 and +33612345678')).toBe('Login +225********02 and +336******78');
    expect(maskPhones('offset 123456789012, +12 not a phone')).toBe('offset 123456789012, +12 not a phone');
  });

  it('writes masked lines through the console logger, whatever the level', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const spyErr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const logger = new MaskingConsoleLogger({ logLevels: ['log', 'warn', 'error', 'debug'], colors: false });
      logger.log('login of +2250700000001 refused', 'Auth');
      logger.warn('parties rejected: no client with phone +2250100000009');
      logger.error('Login +2250500000001 failed');
    } finally {
      spy.mockRestore();
      spyErr.mockRestore();
    }
    const output = written.join('');
    expect(output).toContain('+225********01 refused');
    expect(output).toContain('+225********09');
    expect(output).not.toMatch(/\+225\d{10}/);
  });
});

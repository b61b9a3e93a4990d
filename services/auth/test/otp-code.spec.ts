import { randomInt } from 'node:crypto';
import { generateOtp } from '../src/domain/otp-code';

describe('OTP code generation', () => {
  it('zero-pads a small random value to six digits', () => {
    // given a random source that draws 42
    const random = () => 42;
    // when a code is generated
    const otp = generateOtp(random);
    // then it keeps all six digits
    expect(otp).toBe('000042');
  });

  it('draws from the whole six-digit range', () => {
    // given a random source that records its bound
    const bounds: number[] = [];
    const random = (max: number) => {
      bounds.push(max);
      return max - 1;
    };
    // when a code is generated
    const otp = generateOtp(random);
    // then every code from 000000 to 999999 is possible
    expect(bounds).toEqual([1_000_000]);
    expect(otp).toBe('999999');
  });

  it('refuses a random source that leaves the range', () => {
    // given a broken random source
    const random = () => 1_000_000;
    // when / then no out-of-range code is produced
    expect(() => generateOtp(random)).toThrow(RangeError);
  });

  it('gives six digits with the CSPRNG', () => {
    // given crypto.randomInt, when many codes are generated
    const codes = Array.from({ length: 200 }, () => generateOtp(randomInt));
    // then each is exactly six digits
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
  });
});

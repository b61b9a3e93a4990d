/** A uniform random integer in [0, maxExclusive): production passes crypto.randomInt. */
export type RandomInt = (maxExclusive: number) => number;

export const OTP_DIGITS = 6;
const OTP_SPACE = 10 ** OTP_DIGITS;

/** A one-time code of exactly six digits, zero-padded so every code is equally likely. */
export function generateOtp(randomInt: RandomInt): string {
  const value = randomInt(OTP_SPACE);
  if (!Number.isInteger(value) || value < 0 || value >= OTP_SPACE) {
    throw new RangeError('the random source returned a value outside the OTP range');
  }
  return String(value).padStart(OTP_DIGITS, '0');
}

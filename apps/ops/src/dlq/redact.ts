export const REDACTED = '[redacted]';

/** The words of a field name that make it a secret: a PIN, an OTP, a code, a password, a token (qrToken included). */
const SECRET_WORDS = new Set(['pin', 'otp', 'code', 'password', 'token', 'secret']);
/**
 * Names that end with one of these describe a secret without holding it (otpId, tokenVersion,
 * pinAttempts): kept, since an operator needs them to follow the message.
 */
const ABOUT_A_SECRET = new Set(['id', 'version', 'attempts', 'count', 'at', 'expires', 'length']);

/** camelCase, snake_case, kebab-case and dotted names split into lower-case words. */
const wordsOf = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());

/**
 * Whether a field holds a secret: one of its words is a secret word (pin, sealedPin, clientQrToken,
 * x-auth-token, otpCode) and its last word does not make it metadata about one (otpId).
 */
export function isSecretName(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0 || !words.some((word) => SECRET_WORDS.has(word))) return false;
  return !(words.length > 1 && ABOUT_A_SECRET.has(words[words.length - 1]));
}

/** A copy of the JSON value with every secret field's value, at any depth, replaced by "[redacted]". */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, isSecretName(name) ? REDACTED : redact(field)]));
}

/** Headers with secret ones (an auth token passed along, say) redacted. */
export const redactHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isSecretName(name) ? REDACTED : value]));

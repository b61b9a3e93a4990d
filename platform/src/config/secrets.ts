/** Bytes a secret must have outside development and test (a random 256-bit key). */
export const MIN_SECRET_BYTES = 32;
/** Fewer distinct characters than this in 32+ bytes is a phrase or a pattern, not a random key. */
const MIN_DISTINCT_CHARACTERS = 10;

/** One secret as the environment gives it: its variable and its value, if set. */
export interface NamedSecret {
  name: string;
  value: string | undefined;
}

/**
 * What is wrong with the secrets of an environment that must not run on development
 * defaults: each missing, short, known or patterned one, and any value used for two purposes
 * (one key per purpose, so that a leak or a rotation of one touches nothing else). Every
 * problem, so that a start lists them all at once.
 */
export function secretProblems(secrets: readonly NamedSecret[], knownValues: readonly string[]): Array<{ name: string; message: string }> {
  const problems: Array<{ name: string; message: string }> = [];
  for (const { name, value } of secrets) {
    if (!value) {
      problems.push({ name, message: `is required outside development and test: at least ${MIN_SECRET_BYTES} random bytes (e.g. openssl rand -base64 48)` });
    } else if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
      problems.push({ name, message: `must be at least ${MIN_SECRET_BYTES} bytes, got ${Buffer.byteLength(value, 'utf8')}` });
    } else if (knownValues.includes(value)) {
      problems.push({ name, message: 'is a published development default: generate a random one' });
    } else if (new Set(value).size < MIN_DISTINCT_CHARACTERS) {
      problems.push({ name, message: 'does not look random (too few distinct characters): generate a random one' });
    }
  }
  const set = secrets.filter((secret): secret is { name: string; value: string } => Boolean(secret.value));
  for (let i = 0; i < set.length; i += 1) {
    const twin = set.slice(0, i).find((earlier) => earlier.value === set[i].value);
    if (twin) problems.push({ name: set[i].name, message: `must differ from ${twin.name}: one key per purpose` });
  }
  return problems;
}

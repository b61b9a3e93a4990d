/** Who the fuzzer signs in as: every route is fuzzed as each of them in turn. */
export type Persona = 'admin' | 'operator' | 'agent' | 'client';

export interface FuzzOptions {
  /** Seconds of fuzzing per persona, in the order they run. */
  seconds: Record<Persona, number>;
  /** Test cases per operation in each round of the fuzzing phase (schemathesis --max-examples). */
  maxExamples: number;
  /** The fewest requests the server must have answered for the run to count. */
  minRequests: number;
  /** A schemathesis seed, to replay a run; random otherwise. */
  seed?: string;
  /** CI mode (also CI=true): no colours, no progress bars. */
  ci: boolean;
}

export const PERSONAS: readonly Persona[] = ['admin', 'agent', 'operator', 'client'];

/** ADMIN reaches every route; the agent the Mobile Pro ones; the client little beyond its QR token. */
const DEFAULT_SECONDS: Record<Persona, number> = { admin: 120, agent: 100, operator: 60, client: 30 };
const DEFAULTS = { maxExamples: 50, minRequests: 3000 };

export const usage = `npm run fuzz -- [options]
  --ci                 CI mode (also CI=true): plain output
  --scale <f>          multiply every persona's time by f, 0.1 to 10 (default 1: ${PERSONAS.map((p) => `${p} ${DEFAULT_SECONDS[p]} s`).join(', ')})
  --max-examples <n>   test cases per operation per fuzzing round (default ${DEFAULTS.maxExamples})
  --min-requests <n>   fail when the server answered fewer requests (default ${DEFAULTS.minRequests})
  --seed <n>           schemathesis seed, to replay a run (each run prints its seeds; default random)`;

function number(flag: string, raw: string | undefined, min: number, max: number, integer: boolean): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new Error(`${flag}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(raw ?? null)}`);
  }
  return value;
}

/** Parses the command line, naming the first problem; `--help` throws the usage. */
export function parseFuzzOptions(argv: readonly string[], env: Record<string, string | undefined>): FuzzOptions {
  let scale = 1;
  let seed: string | undefined;
  const options: Omit<FuzzOptions, 'seconds'> = { ...DEFAULTS, ci: env.CI === 'true' || env.CI === '1' };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => argv[++i];
    switch (flag) {
      case '--ci':
        options.ci = true;
        break;
      case '--scale':
        scale = number(flag, value(), 0.1, 10, false);
        break;
      case '--max-examples':
        options.maxExamples = number(flag, value(), 1, 10_000, true);
        break;
      case '--min-requests':
        options.minRequests = number(flag, value(), 0, 10_000_000, true);
        break;
      case '--seed': {
        const raw = value();
        if (raw === undefined || !/^\d{1,40}$/.test(raw)) throw new Error(`--seed: expected digits, got ${JSON.stringify(raw ?? null)}`);
        seed = raw;
        break;
      }
      case '-h':
      case '--help':
        throw new Error(usage);
      default:
        throw new Error(`unknown option ${flag}\n${usage}`);
    }
  }
  const seconds = Object.fromEntries(PERSONAS.map((persona) => [persona, Math.max(5, Math.round(DEFAULT_SECONDS[persona] * scale))])) as Record<
    Persona,
    number
  >;
  return { ...options, seconds, ...(seed !== undefined ? { seed } : {}) };
}

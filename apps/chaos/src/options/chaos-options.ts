import { FAULT_KINDS, FaultKind, parseFaultKinds } from '../domain/fault-schedule';

export interface ChaosOptions {
  seed: number;
  ci: boolean;
  /** Faults injected during the load (false: --no-faults). */
  faults: boolean;
  faultKinds: FaultKind[];
  /** Rounds of faults (every kind once per round); with a duration, rounds repeat until it ends. */
  faultRounds: number;
  /** Flows to start at least (the load also runs until the faults are done). */
  cashOuts: number;
  /** Seconds of load instead of a number of cash-outs. */
  durationS?: number;
  concurrency: number;
  instances: number;
  clients: number;
  agents: number;
  intentTtlS: number;
  bcryptCost: number;
  mobileProShare: number;
  resendShare: number;
  abandonShare: number;
  reportPath?: string;
  keepData: boolean;
}

export const USAGE = `npm run chaos -- [options]
  --ci                 CI mode (also CI=true): 2 instances, ${120} cash-outs, every fault kind once
  --seed <n>           replays a run: the same faults, in the same order, and the same request mix
  --cash-outs <n>      flows to start at least (default 340, so that 300 or more complete; the load also lasts until the faults are done)
  --duration <s>       run the load this long instead, faults repeating round after round
  --concurrency <n>    flows at once (default 8)
  --instances <n>      instances of every service (default 2)
  --no-faults          only the load (try --concurrency 16)
  --faults <list>      fault kinds, comma-separated (default all: ${FAULT_KINDS.join(',')})
  --fault-rounds <n>   rounds of faults, every kind once per round (default 1)
  --clients <n>        load clients to seed and use (default 40)
  --agents <n>         load agents (default 8)
  --intent-ttl <s>     INTENT_TTL_SECONDS of the stack (default 60: abandoned intents expire within the run)
  --bcrypt-cost <n>    bcrypt cost of OTPs and PINs (default 4, as the tests)
  --resend-share <p>   probability that each re-sendable request is sent twice (default 0.1)
  --mobile-pro-share <p>  share of flows run by an agent on Mobile Pro (default 0.25)
  --abandon-share <p>  share of flows abandoned part-way (default 0.05)
  --report <file>      where the JSON report goes (default next to the stack's logs)
  --keep-data          leave the run's databases in place for a post-mortem`;

const DEFAULTS: Omit<ChaosOptions, 'seed' | 'ci'> = {
  faults: true,
  faultKinds: [...FAULT_KINDS],
  faultRounds: 1,
  cashOuts: 340,
  concurrency: 8,
  instances: 2,
  clients: 40,
  agents: 8,
  intentTtlS: 60,
  bcryptCost: 4,
  mobileProShare: 0.25,
  resendShare: 0.1,
  abandonShare: 0.05,
  keepData: false,
};

const CI_DEFAULTS: Partial<ChaosOptions> = { cashOuts: 120, instances: 2, concurrency: 8, faultRounds: 1 };

/** An integer option's value, from `min` (and up to `max`), or an error naming the option. */
export function integer(flag: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`${flag} needs an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got ${raw ?? 'nothing'}`);
  }
  return value;
}

function share(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value < 0 || value > 1) throw new Error(`${name} needs a number from 0 to 1, got ${raw ?? 'nothing'}`);
  return value;
}

/** Parses the command line (and CI=true) once, naming the first problem. */
export function parseChaosOptions(argv: string[], env: Record<string, string | undefined>, randomSeed: () => number): ChaosOptions {
  const ci = argv.includes('--ci') || env.CI === 'true' || env.CI === '1';
  const options: ChaosOptions = { ...DEFAULTS, ...(ci ? CI_DEFAULTS : {}), seed: randomSeed(), ci };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => argv[++i];
    switch (flag) {
      case '--ci':
        break;
      case '--seed':
        options.seed = integer(flag, value(), 0);
        break;
      case '--cash-outs':
        options.cashOuts = integer(flag, value(), 1);
        break;
      case '--duration':
        options.durationS = integer(flag, value(), 10);
        break;
      case '--concurrency':
        options.concurrency = integer(flag, value(), 1);
        break;
      case '--instances':
        options.instances = integer(flag, value(), 1);
        break;
      case '--no-faults':
        options.faults = false;
        break;
      case '--faults':
        options.faultKinds = parseFaultKinds(value() ?? '');
        if (options.faultKinds.length === 0) throw new Error('--faults needs at least one kind');
        break;
      case '--fault-rounds':
        options.faultRounds = integer(flag, value(), 1);
        break;
      case '--clients':
        options.clients = integer(flag, value(), 1);
        break;
      case '--agents':
        options.agents = integer(flag, value(), 1);
        break;
      case '--intent-ttl':
        options.intentTtlS = integer(flag, value(), 10);
        break;
      case '--bcrypt-cost':
        options.bcryptCost = integer(flag, value(), 4);
        break;
      case '--resend-share':
        options.resendShare = share(flag, value());
        break;
      case '--mobile-pro-share':
        options.mobileProShare = share(flag, value());
        break;
      case '--abandon-share':
        options.abandonShare = share(flag, value());
        break;
      case '--report':
        options.reportPath = value();
        if (!options.reportPath) throw new Error('--report needs a file');
        break;
      case '--keep-data':
        options.keepData = true;
        break;
      case '-h':
      case '--help':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

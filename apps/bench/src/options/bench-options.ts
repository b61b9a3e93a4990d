import { integer } from '@cashout/chaos';

export interface BenchOptions {
  /** bcrypt cost of OTPs and PINs, for the hashing limit and the services alike. */
  cost: number;
  concurrency: number;
  /** Seconds of load per run, or a number of cash-outs per run: exactly one is set. */
  durationS?: number;
  cashOuts?: number;
  /** Also the distributed stack (two instances of every service on Kafka, FerretDB, Redis). */
  stack: boolean;
  /** Runs per mode; the table shows their medians. */
  runs: number;
  /** The load customers the services seed and the cash-outs rotate over. */
  clients: number;
  agents: number;
  /** Where the JSON goes (default .bench/bench-<time>.json). */
  jsonOut?: string;
}

export const DEFAULT_DURATION_S = 30;

export const usage = (configuredCost: number) => `npm run bench -- [options]
  --cost <n>          bcrypt cost of OTPs and PINs, 4 to 15 (default ${configuredCost}: BCRYPT_COST_PIN, else the services' default)
  --concurrency <n>   cash-outs at once (default 8)
  --duration <s>      seconds of load per run (default ${DEFAULT_DURATION_S})
  --cash-outs <n>     cash-outs per run instead of a duration
  --stack             also the distributed stack: two instances of every service as processes on Kafka, FerretDB, Redis
  --runs <n>          runs per mode; the table shows medians (default 1)
  --clients <n>       load clients to seed and rotate over (default 64)
  --agents <n>        load agents (default 16)
  --json-out <file>   where the JSON report goes (default .bench/bench-<time>.json)`;

/** Parses the command line once, naming the first problem; `--help` throws the usage. */
export function parseBenchOptions(argv: readonly string[], configuredCost: number): BenchOptions {
  const options: BenchOptions = { cost: configuredCost, concurrency: 8, stack: false, runs: 1, clients: 64, agents: 16 };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => argv[++i];
    switch (flag) {
      case '--cost':
        options.cost = integer(flag, value(), 4, 15);
        break;
      case '--concurrency':
        options.concurrency = integer(flag, value(), 1);
        break;
      case '--duration':
        options.durationS = integer(flag, value(), 1);
        break;
      case '--cash-outs':
        options.cashOuts = integer(flag, value(), 1);
        break;
      case '--stack':
        options.stack = true;
        break;
      case '--runs':
        options.runs = integer(flag, value(), 1);
        break;
      case '--clients':
        options.clients = integer(flag, value(), 1);
        break;
      case '--agents':
        options.agents = integer(flag, value(), 1);
        break;
      case '--json-out':
        options.jsonOut = value();
        if (!options.jsonOut) throw new Error('--json-out needs a file');
        break;
      case '-h':
      case '--help':
        throw new Error(usage(configuredCost));
      default:
        throw new Error(`unknown option ${flag}\n${usage(configuredCost)}`);
    }
  }
  if (options.durationS !== undefined && options.cashOuts !== undefined) throw new Error('--duration and --cash-outs exclude each other: choose one');
  if (options.durationS === undefined && options.cashOuts === undefined) options.durationS = DEFAULT_DURATION_S;
  return options;
}

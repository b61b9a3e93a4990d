import { GatewayClient, OtpReader, PlatformApi, STAFF, loadClientPhone, loadPopulation, stackSettings } from '@cashout/chaos';
import { MoneyCheck, checkMoney, walletsBefore } from './audit/money-check';
import { RunFigures, medianOfRuns, runFigures } from './figures/run-figures';
import { HashingLimit } from './hashing/hashing-limit';
import { measureHashingLimit } from './hashing/measure-hashing';
import { CashOutRunner } from './load/cash-out-runner';
import { LoadLength, runLoad } from './load/run-load';
import { TimedCashOut } from './load/timed-cash-out';
import { BenchOptions } from './options/bench-options';
import { BenchTarget } from './targets/bench-target';
import { startEmbeddedTarget } from './targets/embedded-target';
import { startStackTarget } from './targets/stack-target';

/** XOF per cash-out: fee 100, commission 40; a load client's 10 000 000 covers about 1 900. */
const AMOUNT = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;
const WAIT_MS = 60_000;
/** Long enough for a cash-out at any concurrency; a failed one's intent expires by then for the audit. */
const INTENT_TTL_S = 120;

export interface ModeResult {
  mode: BenchTarget['mode'];
  description: string;
  /** Cash-outs that warmed up each run (see runLoad): in the audit, not in the figures. */
  warmUp: number;
  runs: RunFigures[];
  /** The medians of the runs (the runs themselves when there is one). */
  figures: RunFigures;
  money: MoneyCheck;
}

export interface BenchResult {
  hashing: HashingLimit;
  hashingSamples: { compares: number; hashes: number };
  modes: ModeResult[];
}

/** Runs the warm-up, then `options.runs` measured runs, then the money audit, on one target. */
async function benchTarget(target: BenchTarget, options: BenchOptions, say: (line: string) => void): Promise<ModeResult> {
  const population = loadPopulation(options.clients, options.agents);
  const client = new GatewayClient(target.gatewayUrls, REQUEST_TIMEOUT_MS);
  const api = new PlatformApi(client);
  if ((await api.wallets(loadClientPhone(1), STAFF.operator)).length === 0)
    throw new Error(`${target.mode}: the services seeded no load customers (SEED_LOAD_CLIENTS)`);
  const otp = await OtpReader.create(api, STAFF.admin);
  const before = await walletsBefore(api, population);
  const runner = new CashOutRunner({ client, api, otp, population, amount: AMOUNT, waitMs: WAIT_MS });
  const records: TimedCashOut[] = [];
  const length: LoadLength = options.cashOuts !== undefined ? { cashOuts: options.cashOuts } : { durationS: options.durationS as number };

  let warmUp = 0;
  const runs: RunFigures[] = [];
  for (let run = 1; run <= options.runs; run += 1) {
    say(
      `${target.mode}: run ${run} of ${options.runs}, ${'cashOuts' in length ? `${length.cashOuts} cash-outs` : `${length.durationS} s`} at concurrency ${options.concurrency}`,
    );
    await target.processes.begin();
    const clientCpu = process.cpuUsage();
    const load = await runLoad(options.concurrency, length, records.length, (index) => runner.run(index));
    const clientCpuUsed = process.cpuUsage(clientCpu);
    const loadClient = { process: 'load client', cpuS: (clientCpuUsed.user + clientCpuUsed.system) / 1e6, loadClient: true };
    const figures = runFigures(load, [...(await target.processes.end()), loadClient]);
    records.push(...load.records);
    warmUp += load.records.length - load.measured.length;
    runs.push(figures);
    say(`${target.mode}: run ${run}: ${figures.succeeded} succeeded, ${figures.failed} failed, ${figures.cashOutsPerSecond.toFixed(2)} cash-outs/s`);
  }
  say(`${target.mode}: money audit (wallets, intents, reconciliation)`);
  const money = await checkMoney({ api, store: target.store, reservationsChecked: target.mode === 'stack', population, walletsBefore: before, records }, say);
  return { mode: target.mode, description: target.description, warmUp, runs, figures: medianOfRuns(runs), money };
}

/**
 * The hashing limit first, alone on the machine; then the embedded default; then, with
 * --stack, the distributed stack. Each target is stopped before the next starts.
 */
export async function runBench(options: BenchOptions, say: (line: string) => void, onCleanup: (cleanup: () => Promise<void>) => void): Promise<BenchResult> {
  say(`hashing: timing bcrypt at cost ${options.cost}`);
  const { limit: hashing, samples: hashingSamples } = await measureHashingLimit(options.cost);
  const settings = stackSettings({ bcryptCost: options.cost, intentTtlS: INTENT_TTL_S, clients: options.clients, agents: options.agents });
  const starters: Array<() => Promise<BenchTarget>> = [
    () => {
      say('embedded: starting the entry point of npm start in a process of its own');
      return startEmbeddedTarget(settings);
    },
  ];
  if (options.stack) starters.push(() => startStackTarget(settings, say));
  const modes: ModeResult[] = [];
  for (const start of starters) {
    const target = await start();
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= target.stop());
    onCleanup(stop);
    try {
      modes.push(await benchTarget(target, options, say));
    } finally {
      await stop();
    }
  }
  return { hashing, hashingSamples, modes };
}

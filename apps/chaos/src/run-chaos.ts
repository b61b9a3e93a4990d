import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { IsolatedStack, REPO_ROOT, startIsolatedStack, startLocalInfra } from '@cashout/distributed';
import { RedisStoreProbe } from './audit/redis-store.probe';
import { collectAudit, walletsOf } from './audit/collect-audit';
import { quiesce } from './audit/quiesce';
import { PlannedFault, planFaults } from './domain/fault-schedule';
import { MixOptions } from './domain/flow-plan';
import { checkInvariants } from './domain/invariant-checker';
import { Population, STAFF, loadClientPhone, loadPopulation } from './domain/population';
import { FaultInjector } from './faults/fault-injector';
import { ProcessWatchdog } from './faults/process-watchdog';
import { RecoveryProbe, ServiceGroup } from './faults/recovery-probe';
import { GatewayClient } from './http/gateway-client';
import { OtpReader } from './http/otp-reader';
import { PlatformApi } from './http/platform-api';
import { LoadDriver } from './load/load-driver';
import { ChaosOptions } from './options/chaos-options';
import { buildReport, RunReport } from './report/run-report';
import { stackSettings } from './stack-settings';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const BACK_END = ['auth', 'customer', 'risk-engine', 'notifications', 'ledger-wallets'];
/** Every request of the load gives up after this; the gateway's own reply timeout is 15 s. */
const REQUEST_TIMEOUT_MS = 25_000;
const RECOVERY_TIMEOUT_MS = 120_000;
/** A bound on the load whatever the target, so that a stack gone slow cannot hold a CI run for ever. */
const MAX_LOAD_MS = 20 * 60_000;

export interface ChaosRun {
  report: RunReport;
  reportPath: string;
}

/** The servers to run on and kill: those of INFRA_HOME and the *_PORT variables, never explicit URLs. */
function infraEnvironment(say: (line: string) => void): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of ['KAFKA_BROKERS', 'MONGO_URL', 'REDIS_URL']) {
    if (env[name]) say(`note: ignoring ${name}; the suite runs on (and kills) the local servers of INFRA_HOME and the *_PORT variables`);
    delete env[name];
  }
  return env;
}

async function detectPopulation(api: PlatformApi, options: ChaosOptions, say: (line: string) => void): Promise<Population> {
  if ((await api.wallets(loadClientPhone(1), STAFF.operator)).length > 0) return loadPopulation(options.clients, options.agents);
  say(`the stack seeded no load customers (no wallets for ${loadClientPhone(1)})`);
  throw new Error('the services did not seed the load customers (SEED_LOAD_CLIENTS)');
}

async function findServiceGroups(probe: RecoveryProbe): Promise<ServiceGroup[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const groups = await probe.serviceGroups().catch(() => []);
    if (BACK_END.every((service) => groups.some((group) => group.service === service)) || Date.now() > deadline) return groups;
    await sleep(500);
  }
}

/** Starts the stack, runs the load under faults, quiesces, audits, and writes the report. */
export async function runChaos(options: ChaosOptions, say: (line: string) => void, onCleanup: (cleanup: () => Promise<void>) => void): Promise<ChaosRun> {
  const infraEnv = infraEnvironment(say);
  say(`servers: infra/local/up.sh (INFRA_HOME ${process.env.INFRA_HOME ?? '.infra'}, ports from KAFKA_PORT, MONGO_PORT, REDIS_PORT or the defaults)`);
  const urls = startLocalInfra(infraEnv);
  say(`starting ${options.instances} instance(s) of every service on ${urls.KAFKA_BROKERS}, ${urls.MONGO_URL}, ${urls.REDIS_URL}`);
  const stackStarted = Date.now();
  const stack: IsolatedStack = await startIsolatedStack({ ...urls, ...stackSettings(options) }, options.instances, {
    label: 'chaos',
    keepData: options.keepData,
  });
  const stackStartMs = Date.now() - stackStarted;
  const store = new RedisStoreProbe(stack.infra.redisUrl);
  const probe = new RecoveryProbe(stack.infra.kafkaBrokers, stack.infra.groupPrefix);
  const loadStartedAt = Date.now();
  const watchdog = new ProcessWatchdog(stack, loadStartedAt, say);
  let serverFaultInProgress = false;
  const cleanup = async () => {
    watchdog.stop();
    await Promise.allSettled([store.close(), probe.close()]);
    await stack.stop().catch((error: unknown) => say(`stopping the stack: ${String(error)}`));
    // A run interrupted between a kill and a restart leaves a server down: up.sh starts what is missing.
    if (serverFaultInProgress) startLocalInfra(infraEnv);
  };
  onCleanup(cleanup);
  try {
    say(
      `stack ${stack.runId} up in ${(stackStartMs / 1000).toFixed(1)} s; gateways ${stack.gatewayUrls.join(' ')}; logs in ${relative(REPO_ROOT, dirname(stack.processes[0].logFile))}`,
    );
    const client = new GatewayClient(stack.gatewayUrls, REQUEST_TIMEOUT_MS);
    const api = new PlatformApi(client);
    const population = await detectPopulation(api, options, say);
    const otp = await OtpReader.create(api, STAFF.admin);
    const walletsBefore = await walletsOf(api, [...population.clients, ...population.agents], STAFF.operator);
    const serviceGroups = await findServiceGroups(probe);
    const mix: MixOptions = {
      seed: options.seed,
      population,
      gateways: stack.gatewayUrls.length,
      mobileProShare: options.mobileProShare,
      resendShare: options.resendShare,
      abandonShare: options.abandonShare,
    };
    const driver = new LoadDriver({ api, otp, operator: STAFF.operator, admin: STAFF.admin, runId: stack.runId, waitMs: 90_000 }, mix, options.concurrency);
    const injector = new FaultInjector({
      stack,
      infraEnv,
      probe,
      serviceGroups,
      watchdog,
      client,
      adminToken: () => api.token(STAFF.admin),
      instances: options.instances,
      recoveryTimeoutMs: RECOVERY_TIMEOUT_MS,
      log: say,
    });

    watchdog.start();
    const loadStart = Date.now();
    driver.start();
    const ticker = setInterval(() => {
      say(
        `t+${Math.round((Date.now() - loadStart) / 1000)} s: ${driver.flowsStarted} flows started, ${driver.count('succeeded')} succeeded, ` +
          `${driver.count('failed')} failed, ${driver.count('refused')} refused, ${driver.count('abandoned')} abandoned, ${driver.inFlight} in flight`,
      );
    }, 10_000);
    const loadEnd = options.durationS !== undefined ? loadStart + options.durationS * 1000 : undefined;
    const plan: PlannedFault[] = options.faults
      ? planFaults({
          seed: options.seed,
          kinds: options.faultKinds,
          instances: options.instances,
          rounds: loadEnd !== undefined ? 1_000 : options.faultRounds,
          pauseMs: [4_000, 9_000],
          downtimeMs: [0, 2_000],
        })
      : [];
    try {
      for (const fault of plan) {
        if (loadEnd !== undefined && Date.now() + fault.pauseBeforeMs > loadEnd) break;
        await sleep(fault.pauseBeforeMs);
        serverFaultInProgress = fault.instance === undefined;
        await injector.inject(fault);
        serverFaultInProgress = false;
      }
      const enough = () => (loadEnd !== undefined ? Date.now() >= loadEnd : driver.flowsStarted >= options.cashOuts);
      while (!enough() && Date.now() - loadStart < MAX_LOAD_MS) await sleep(250);
      if (!enough())
        say(`load: stopped after ${MAX_LOAD_MS / 60_000} min with ${driver.flowsStarted} flows started, short of the ${options.cashOuts} asked for`);
      say(`load: no new flows; waiting for the ${driver.inFlight} in flight`);
      await driver.stop();
    } finally {
      clearInterval(ticker);
    }
    const loadMs = Date.now() - loadStart;

    say(`quiesce: waiting for live intents to end (INTENT_TTL_SECONDS ${options.intentTtlS})`);
    const settled = await quiesce(api, STAFF.admin, 60_000, say);
    watchdog.stop();
    say('audit: intents, wallets, reconciliation (HTTP) and risk reservations (Redis)');
    const input = await collectAudit({
      api,
      admin: STAFF.admin,
      operator: STAFF.operator,
      store,
      population,
      walletsBefore,
      records: driver.records,
      redisRestarted: injector.redisRestarted,
    });
    // Redis keeps nothing across a restart, Idempotency-Key records included: say so next to such a finding.
    const findings = driver.records
      .flatMap((record) => record.findings)
      .map((finding) => (injector.redisRestarted ? { ...finding, message: `${finding.message} (Redis was restarted during the run)` } : finding));
    const audit = checkInvariants(input, findings);
    const report = buildReport({
      runId: stack.runId,
      options,
      population,
      stackStartMs,
      loadStartedAt: loadStart,
      loadMs,
      quiesceMs: settled.waitedMs,
      stillLiveAfterQuiesce: settled.stillLive,
      records: driver.records,
      faults: injector.outcomes,
      exits: watchdog.exits,
      api: api.stats,
      audit,
    });
    const reportPath = resolve(REPO_ROOT, options.reportPath ?? resolve(dirname(stack.processes[0].logFile), 'report.json'));
    mkdirSync(dirname(reportPath), { recursive: true });
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    return { report, reportPath: relative(REPO_ROOT, reportPath) };
  } finally {
    await cleanup();
  }
}

import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startEmbeddedSystem } from '../embedded-system';

/**
 * `npm run bench`: full cash-outs through HTTP on the embedded default, sequential then
 * concurrent, and prints medians, p95 and throughput. Figures, not assertions: these
 * machines are shared and noisy, so compare runs on one machine and read ratios.
 */
const STEPS = ['login', 'create', 'send-otp', 'read-otp', 'verify-otp', 'verify-pin', 'confirm'] as const;
type Step = (typeof STEPS)[number];

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

async function main(): Promise<void> {
  const bcryptCost = process.env.BCRYPT_COST ?? '10';
  const sequential = Number(process.env.BENCH_CASH_OUTS ?? 30);
  const concurrent = Number(process.env.BENCH_CONCURRENCY ?? 8);
  const system = await startEmbeddedSystem(
    {
      APP_ENV: 'test',
      BCRYPT_COST_OTP: bcryptCost,
      BCRYPT_COST_PIN: bcryptCost,
      OTP_RESEND_COOLDOWN_SECONDS: '0',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // Velocity and daily limits would stop a benchmark that cashes out one client many times.
      RISK_LIMITS_JSON: JSON.stringify({
        tiers: Object.fromEntries(['1', '2'].map((tier) => [tier, { maxCashOutsPerHour: 1_000_000, dailyTotal: 1_000_000_000, monthlyTotal: 1_000_000_000 }])),
        agentDailyTotal: 1_000_000_000,
      }),
    },
    { logger: false },
  );
  await system.gateway.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(system.gateway.getHttpServer().address() as AddressInfo).port}`;
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const timings: Record<Step, number[]> = Object.fromEntries(STEPS.map((step) => [step, []])) as unknown as Record<Step, number[]>;
  const timed = async <T>(step: Step, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings[step].push(performance.now() - started);
    return result;
  };
  const admin = (await call('POST', '/auth/login', undefined, { phone: '+2250700000001', pin: '0000' })).accessToken as string;

  async function cashOut(clientPhone: string): Promise<void> {
    const operator = (await timed('login', () => call('POST', '/auth/login', undefined, { phone: '+2250700000002', pin: '0000' }))).accessToken as string;
    const intent = await timed('create', () => call('POST', '/intents', operator, { agentPhone: '+2250500000001', clientPhone, amount: 1_000 }));
    const id = intent.id as string;
    await timed('send-otp', () => call('POST', `/intents/${id}/send-otp`, operator));
    // By intent: concurrent cash-outs of one client each read their own OTP.
    const path = `/sandbox/notifications?intentId=${encodeURIComponent(id)}&limit=5`;
    const records = (await timed('read-otp', () => call('GET', path, admin))) as unknown as Array<{ otp?: string }>;
    const otp = records.find((record) => record.otp)?.otp;
    await timed('verify-otp', () => call('POST', `/intents/${id}/verify-otp`, operator, { otp }));
    await timed('verify-pin', () => call('POST', `/intents/${id}/verify-pin`, operator, { pin: '1234' }));
    const done = await timed('confirm', () => call('POST', `/intents/${id}/confirm`, operator));
    if (done.status !== 'SUCCEEDED') throw new Error(`cash-out ended ${String(done.status)}`);
  }

  const print = (label: string, count: number, elapsedMs: number) => {
    process.stdout.write(`\n${label}: ${count} cash-outs in ${(elapsedMs / 1000).toFixed(2)} s = ${(count / (elapsedMs / 1000)).toFixed(1)} cash-outs/s\n`);
    for (const step of STEPS) {
      process.stdout.write(`  ${step.padEnd(11)} median ${quantile(timings[step], 0.5).toFixed(1).padStart(7)} ms   p95 ${quantile(timings[step], 0.95).toFixed(1).padStart(7)} ms\n`);
      timings[step] = [];
    }
  };

  process.stdout.write(`bcrypt cost ${bcryptCost}, Node ${process.version}, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB at start\n`);
  let started = performance.now();
  for (let i = 0; i < sequential; i += 1) await cashOut('+2250100000001');
  print('sequential', sequential, performance.now() - started);

  started = performance.now();
  // One client per worker so concurrent cash-outs do not all contend for one wallet.
  const clients = ['+2250100000001', '+2250100000004'];
  await Promise.all(
    Array.from({ length: concurrent }, async (_, worker) => {
      for (let i = 0; i < Math.ceil(sequential / concurrent); i += 1) await cashOut(clients[worker % clients.length]);
    }),
  );
  print(`concurrent x${concurrent}`, Math.ceil(sequential / concurrent) * concurrent, performance.now() - started);

  const report = await call('GET', '/ledger/reconciliation', admin);
  process.stdout.write(`\nreconciliation balanced: ${String(report.balanced)}; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB at end\n`);
  await system.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, freePorts, stopProcesses, whenReady } from '@cashout/distributed';

const READY_TIMEOUT_MS = 60_000;

/**
 * The fuzzed server's settings, on top of the test defaults (demo users seeded, /metrics and
 * the sandbox served). Every fuzz request comes from one address and signs in as a handful of
 * demo users, and the fuzzer tries wrong PINs and OTPs on purpose: the rate limits, the
 * failed-login and OTP budgets and the PIN lock are raised out of its way here, for this
 * process only (the production defaults stay as they are; the gateway's and the auth
 * service's tests cover them). Cheap hashing keeps logins from dominating the run.
 */
export const FUZZ_SERVER_SETTINGS: Readonly<Record<string, string>> = {
  APP_ENV: 'test',
  BCRYPT_COST_OTP: '4',
  BCRYPT_COST_PIN: '4',
  OTP_RESEND_COOLDOWN_SECONDS: '0',
  RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_FAILED_LOGINS_PER_ADDRESS: '1000000',
  RATE_LIMIT_FAILED_LOGINS: '1000000',
  OTP_FAILURE_BUDGET: '1000000',
  PIN_MAX_ATTEMPTS: '1000000',
};

export interface FuzzServer {
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * The embedded default as `npm start` runs it (its built entry point), in a process of its
 * own on a free port. Only PATH and the settings above reach it, so nothing in the shell
 * (KAFKA_BROKERS, MONGO_URL, ...) turns it into another mode.
 */
export async function startFuzzServer(logFile: string): Promise<FuzzServer> {
  const port = await freePorts(1);
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'apps', 'embedded', 'dist', 'src', 'main.js')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, ...FUZZ_SERVER_SETTINGS, PORT: String(port), LOG_LEVEL: 'warn', NO_COLOR: '1' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const handle = { name: 'embedded', instance: 0, child, logFile };
  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      whenReady(url, READY_TIMEOUT_MS),
      new Promise((_, failed) => child.once('exit', (code) => failed(new Error(`the embedded server exited with ${code}; see ${logFile}`)))),
    ]);
  } catch (error) {
    await stopProcesses([handle], 5_000);
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return { url, logFile, stop: () => (stopped ??= stopProcesses([handle], 10_000)) };
}

import { LOAD_BUDGETS_OFF, freePorts, startEmbeddedProcess, stopProcesses } from '@cashout/distributed';

/**
 * The fuzzed server's settings, on top of the test defaults (demo users seeded, /metrics and
 * the sandbox served). Every fuzz request comes from one address and signs in as a handful of
 * demo users, and the fuzzer tries wrong PINs and OTPs on purpose: the load budgets
 * (LOAD_BUDGETS_OFF) and the PIN lock are raised out of its way here, for this process only.
 * Cheap hashing keeps logins from dominating the run.
 */
export const FUZZ_SERVER_SETTINGS: Readonly<Record<string, string>> = {
  APP_ENV: 'test',
  BCRYPT_COST_OTP: '4',
  BCRYPT_COST_PIN: '4',
  OTP_RESEND_COOLDOWN_SECONDS: '0',
  ...LOAD_BUDGETS_OFF,
  PIN_MAX_ATTEMPTS: '1000000',
  // An intent's event stream stays open until the intent ends, up to STREAM_MAX_SECONDS: a
  // generated request that reaches a live intent's stream would hold its worker until the
  // request timeout. One second keeps every stream answer short (a 200 with the current view).
  STREAM_MAX_SECONDS: '1',
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
  const { url, handle } = await startEmbeddedProcess({ port: await freePorts(1), env: FUZZ_SERVER_SETTINGS, logFile });
  let stopped: Promise<void> | undefined;
  return { url, logFile, stop: () => (stopped ??= stopProcesses([handle], 10_000)) };
}

import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findRepoRoot } from '@cashout/platform';

/** The monorepo's root (works from src and dist). */
export const REPO_ROOT = findRepoRoot(__dirname);

/** The web console's build (apps/console), which the gateways serve at /console/. */
export const CONSOLE_DIST = resolve(REPO_ROOT, 'apps', 'console', 'dist');

/** The back-end services (the gateways come in addition). */
export const BACKEND_SERVICES = ['auth', 'customer', 'risk-engine', 'notifications', 'ledger-wallets', 'reporting'] as const;

/** Every service a stack runs, in the order it starts them. */
export const STACK_SERVICES = [...BACKEND_SERVICES, 'gateway'] as const;

export interface StackOptions {
  /** Instances of every service (consumer groups share the partitions between them). */
  instances: number;
  /** The first gateway's port; instance i listens on port + i. */
  port: number;
  /**
   * The first process-metrics port (METRICS_PORT), when the processes should serve theirs:
   * one port per process, in the order of STACK_SERVICES then instance (see `metricsPortOf`).
   */
  metricsPort?: number;
  /** Environment of every process: KAFKA_BROKERS, MONGO_URL, REDIS_URL and any setting. */
  env: Record<string, string | undefined>;
  logDir: string;
  /** Keeps the processes running after this process exits (stack:up). */
  detached?: boolean;
  readyTimeoutMs?: number;
}

export interface ServiceProcessHandle {
  name: string;
  instance: number;
  child: ChildProcess;
  logFile: string;
  /** Where its process metrics are served (prom-client's text format), when the stack has metrics ports. */
  metricsUrl?: string;
}

export interface RunningStack {
  gatewayUrls: string[];
  /** The current process of each instance (`restart` replaces an entry). */
  processes: ServiceProcessHandle[];
  /**
   * Starts one instance again with the settings it had (its output appended to the same
   * log), replacing its handle in `processes`; a process still running is SIGKILLed first.
   * Returns at once: `whenRunning` (and `whenReady` for a gateway) tell when it is back.
   */
  restart(name: string, instance: number): Promise<ServiceProcessHandle>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The metrics port of one instance: the same across its restarts, distinct from every other process's. */
export function metricsPortOf(name: string, instance: number, options: Pick<StackOptions, 'instances' | 'metricsPort'>): number | undefined {
  const service = (STACK_SERVICES as readonly string[]).indexOf(name);
  if (options.metricsPort === undefined || service < 0) return undefined;
  return options.metricsPort + service * options.instances + instance;
}

/** Settings of one instance beyond the stack's: a gateway's port, its metrics port. */
function instanceEnv(name: string, instance: number, options: StackOptions): Record<string, string> {
  const metricsPort = metricsPortOf(name, instance, options);
  return {
    // The gateways serve the web console's build, unless the stack's settings name another.
    ...(name === 'gateway' ? { PORT: String(options.port + instance), CONSOLE_DIR: options.env.CONSOLE_DIR ?? CONSOLE_DIST } : {}),
    ...(metricsPort !== undefined ? { METRICS_PORT: String(metricsPort) } : {}),
  };
}

/** Spawns one service instance; `append` keeps the log of the instance's earlier processes. */
export function startProcess(name: string, instance: number, options: StackOptions, append = false): ServiceProcessHandle {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = resolve(options.logDir, `${name}-${instance}.log`);
  // The log file itself is the child's stdout: it outlives this process (stack:up detaches).
  const fd = openSync(logFile, append ? 'a' : 'w');
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'services', name, 'dist', 'src', 'main.js')], {
    cwd: REPO_ROOT,
    // The instance names its log lines and its Kafka client alike.
    env: {
      ...process.env,
      ...options.env,
      ...instanceEnv(name, instance, options),
      NO_COLOR: '1',
      KAFKA_CLIENT_ID: `${name}-${instance}`,
      INSTANCE_ID: `${name}-${instance}`,
    },
    stdio: ['ignore', fd, fd],
    detached: options.detached ?? false,
  });
  closeSync(fd);
  if (options.detached) child.unref();
  const metricsPort = metricsPortOf(name, instance, options);
  return { name, instance, child, logFile, ...(metricsPort !== undefined ? { metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` } : {}) };
}

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};
const tail = (file: string) => read(file).slice(-3000);

/** Resolves when the process logs that it runs (its consumers have joined their groups). */
export async function whenRunning(handle: ServiceProcessHandle, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // The pid tells this process's line from an earlier process's in an appended log.
  const line = `${handle.name} running (pid ${handle.child.pid})`;
  for (;;) {
    if (read(handle.logFile).includes(line)) return;
    if (handle.child.exitCode !== null) {
      throw new Error(`${handle.name}#${handle.instance} exited with ${handle.child.exitCode}; ${handle.logFile}:\n${tail(handle.logFile)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${handle.name}#${handle.instance} not running after ${timeoutMs} ms; ${handle.logFile}:\n${tail(handle.logFile)}`);
    }
    await sleep(100);
  }
}

/** Resolves when the gateway at `url` answers /ready with 200. */
export async function whenReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/ready`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url}/ready is not green after ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** Stops processes gracefully (SIGTERM: they drain and commit), then forcibly after a grace period. */
export async function stopProcesses(handles: ServiceProcessHandle[], graceMs = 15_000): Promise<void> {
  await Promise.all(
    handles.map(
      (handle) =>
        new Promise<void>((done) => {
          if (handle.child.exitCode !== null || handle.child.signalCode !== null) return done();
          const timer = setTimeout(() => handle.child.kill('SIGKILL'), graceMs);
          handle.child.once('exit', () => {
            clearTimeout(timer);
            done();
          });
          handle.child.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * Starts every service as separate processes (`instances` of each), back-end services first,
 * then the gateways, and waits until each gateway's /ready is green.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const timeout = options.readyTimeoutMs ?? 90_000;
  const processes: ServiceProcessHandle[] = [];
  try {
    // Gateways start alongside: /ready only needs the bus, and the stack waits for all.
    for (const name of STACK_SERVICES) {
      for (let instance = 0; instance < options.instances; instance += 1) processes.push(startProcess(name, instance, options));
    }
    await Promise.all(processes.map((handle) => whenRunning(handle, timeout)));
    const gatewayUrls = Array.from({ length: options.instances }, (_, instance) => `http://127.0.0.1:${options.port + instance}`);
    await Promise.all(gatewayUrls.map((url) => whenReady(url, timeout)));
    const restart = async (name: string, instance: number): Promise<ServiceProcessHandle> => {
      const index = processes.findIndex((handle) => handle.name === name && handle.instance === instance);
      if (index < 0) throw new Error(`no instance ${name}#${instance} in this stack`);
      const previous = processes[index];
      if (previous.child.exitCode === null && previous.child.signalCode === null) {
        const exited = new Promise((done) => previous.child.once('exit', done));
        previous.child.kill('SIGKILL');
        await exited;
      }
      processes[index] = startProcess(name, instance, options, true);
      return processes[index];
    };
    return { gatewayUrls, processes, restart, stop: () => stopProcesses(processes) };
  } catch (error) {
    await stopProcesses(processes, 5_000);
    throw error;
  }
}

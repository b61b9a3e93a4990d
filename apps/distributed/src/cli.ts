import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureInfra, infraHome, stopLocalInfra } from './local-infra';
import { startStack } from './stack';

const RUN_DIR = resolve(infraHome(), 'run');
const PID_FILE = resolve(RUN_DIR, 'stack.pids');
const LOG_DIR = resolve(infraHome(), 'logs', 'stack');

const say = (line: string) => process.stdout.write(`${line}\n`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `npm run stack:up`: infra, then every service as separate processes, until /ready is green. */
async function up(): Promise<void> {
  if (existsSync(PID_FILE)) await down({ keepInfra: true });
  const env = process.env;
  const infra = ensureInfra(env);
  const instances = Number(env.STACK_INSTANCES ?? 1);
  const port = Number(env.PORT ?? 3000);
  const stack = await startStack({ instances, port, env: { ...env, ...infra }, logDir: LOG_DIR, detached: true });
  mkdirSync(RUN_DIR, { recursive: true });
  writeFileSync(PID_FILE, stack.processes.map((handle) => `${handle.child.pid} ${handle.name}#${handle.instance}`).join('\n'));
  say(`stack up: ${stack.processes.length} processes, gateway ${stack.gatewayUrls.join(' ')} (logs in .infra/logs/stack)`);
}

/** `npm run stack:down`: stops the services gracefully, then the local servers. */
async function down(options: { keepInfra?: boolean } = {}): Promise<void> {
  if (existsSync(PID_FILE)) {
    const pids = readFileSync(PID_FILE, 'utf8')
      .split('\n')
      .map((line) => Number(line.split(' ')[0]))
      .filter((pid) => pid > 0);
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 20_000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 200));
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(PID_FILE);
    say(`stack down: ${pids.length} processes stopped`);
  }
  if (!options.keepInfra && !process.env.KEEP_INFRA) stopLocalInfra();
}

const command = process.argv[2];
const run = command === 'up' ? up() : command === 'down' ? down() : Promise.reject(new Error('usage: cli.js up|down'));
run.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

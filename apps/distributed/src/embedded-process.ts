import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, ServiceProcessHandle, stopProcesses, whenReady } from './stack';

const READY_TIMEOUT_MS = 60_000;

export interface EmbeddedProcess {
  url: string;
  handle: ServiceProcessHandle;
}

/**
 * The embedded default as `npm start` runs it (its built entry point), in a process of its
 * own on `port`, once it answers /ready. Only PATH and `env` reach it, so KAFKA_BROKERS or
 * MONGO_URL in the shell cannot turn it into another mode; its output goes to `logFile`.
 */
export async function startEmbeddedProcess(options: { port: number; env: Record<string, string>; logFile: string }): Promise<EmbeddedProcess> {
  const { port, env, logFile } = options;
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'apps', 'embedded', 'dist', 'src', 'main.js')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, ...env, PORT: String(port), LOG_LEVEL: 'warn', NO_COLOR: '1' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const handle: ServiceProcessHandle = { name: 'embedded', instance: 0, child, logFile };
  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      whenReady(url, READY_TIMEOUT_MS),
      new Promise((_, failed) => child.once('exit', (code) => failed(new Error(`the embedded default exited with ${code}; see ${logFile}`)))),
    ]);
  } catch (error) {
    await stopProcesses([handle], 5_000);
    throw error;
  }
  return { url, handle };
}

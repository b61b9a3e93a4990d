import { OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { histogram } from '@cashout/platform';
import { Hasher } from '../hasher.port';
import type * as BcryptWorker from './bcrypt.worker';

type WorkerTask = keyof typeof BcryptWorker;

/** bcrypt's time per task, the wait for a free worker included: what a login or a PIN check pays. */
const hashingSeconds = () =>
  histogram(
    'auth_hashing_duration_seconds',
    'Time a bcrypt task took on the worker pool, waiting for a worker included, by task.',
    ['task'],
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );

/**
 * bcryptjs on a pool of worker threads (piscina): at production cost each hash or compare
 * takes tens of milliseconds of CPU, which on the event loop would stall every other request
 * and message of the process. The pool keeps `workers` threads from start to shutdown, so no
 * request waits for a thread to start; tasks beyond them queue in the pool.
 */
export class BcryptHasher implements Hasher, OnApplicationShutdown {
  private readonly pool: Piscina;
  private closed = false;

  constructor(workers: number) {
    this.pool = new Piscina({ filename: join(__dirname, 'bcrypt.worker.js'), minThreads: workers, maxThreads: workers });
  }

  async hash(secret: string, cost: number): Promise<string> {
    return (await this.run('hash', { secret, cost })).value;
  }

  async matches(secret: string, hashed: string): Promise<boolean> {
    return (await this.run('compare', { secret, hashed })).value;
  }

  isCurrent(): boolean {
    return true;
  }

  /** One task on a worker: its result and the id of the thread that computed it. */
  run<T extends WorkerTask>(task: T, input: Parameters<(typeof BcryptWorker)[T]>[0]): Promise<ReturnType<(typeof BcryptWorker)[T]>> {
    // A closed piscina pool would start new threads for a late task: refuse it instead.
    if (this.closed) return Promise.reject(new Error('the hasher is shut down'));
    const end = hashingSeconds().startTimer({ task });
    const result: Promise<ReturnType<(typeof BcryptWorker)[T]>> = this.pool.run(input, { name: task });
    void result.then(
      () => end(),
      () => end(),
    );
    return result;
  }

  /** Queued and running tasks finish first; from the start of shutdown the hasher refuses work. */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.pool.close();
  }
}

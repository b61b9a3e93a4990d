import { OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { Hasher } from '../hasher.port';
import type * as BcryptWorker from './bcrypt.worker';

type WorkerTask = keyof typeof BcryptWorker;

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
    return this.pool.run(input, { name: task });
  }

  /** Queued and running tasks finish first; from the start of shutdown the hasher refuses work. */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.pool.close();
  }
}

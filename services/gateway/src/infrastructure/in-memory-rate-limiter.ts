import { Clock } from '@cashout/platform';
import { TokenBucket, takeToken } from '../domain/token-bucket';
import { RateDecision, RateLimiter } from '../rate-limiter.port';

const IDLE_SWEEP_MS = 10 * 60_000;

/** In-process token buckets: fine for one instance; a Redis adapter shares them across instances. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweepMs = 0;

  constructor(private readonly clock: Clock) {}

  async take(key: string, perMinute: number, cost: 0 | 1 = 1): Promise<RateDecision> {
    const nowMs = this.clock.now().getTime();
    this.sweep(nowMs);
    const result = takeToken(this.buckets.get(key), nowMs, perMinute, cost);
    this.buckets.set(key, result.bucket);
    return result.allowed ? { allowed: true } : { allowed: false, retryAfterMs: result.retryAfterMs };
  }

  /** Buckets idle for long are full again: forgetting them keeps memory bounded. */
  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweepMs < IDLE_SWEEP_MS) return;
    this.lastSweepMs = nowMs;
    for (const [key, bucket] of this.buckets) {
      if (nowMs - bucket.updatedAtMs > IDLE_SWEEP_MS) this.buckets.delete(key);
    }
  }
}

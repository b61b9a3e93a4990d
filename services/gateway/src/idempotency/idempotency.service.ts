import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { CLOCK, Clock } from '@cashout/platform';
import { ErrorCodeSchema } from '@cashout/shared-contracts';
import { httpStatusFor } from '../http/error-status';
import { IDEMPOTENCY_TTL_MS, StoredOutcome, canonicalJson, decideIdempotency, isReplayable } from '../domain/idempotency';
import { ApiError } from '../http/api-error';
import { validate } from '../http/validation';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { IDEMPOTENCY_STORE, IdempotencyStore } from '../idempotency-store.port';

export interface HttpOutcome<T = unknown> {
  status: number;
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

export interface IdempotentCall {
  userId: string;
  method: string;
  path: string;
  /** The Idempotency-Key header, if any. */
  key: unknown;
  body: unknown;
}

export const IdempotencyKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** A waiting retry polls the record, quickly at first, then at most this often. */
const POLL_MS = { first: 25, max: 250 };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs an operation at most once per Idempotency-Key at a time: the first response (status
 * and body, or its refusal) is stored for 24 h and answered again to every retry with the
 * same body. A retry that finds the first request still in flight waits for it while its
 * lease lasts, and takes it over once the lease has run out (its gateway died).
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The validated key, or undefined when the header is absent. */
  keyOf(header: unknown): string | undefined {
    if (header === undefined) return undefined;
    return validate(IdempotencyKeySchema, header, 'Idempotency-Key');
  }

  async run<T>(call: IdempotentCall, operation: () => Promise<{ status: number; body: T }>): Promise<HttpOutcome<T>> {
    const key = this.keyOf(call.key);
    if (key === undefined) return { ...(await operation()), replayed: false };

    const storeKey = `${call.userId} ${call.method.toUpperCase()} ${call.path} ${key}`;
    const fingerprint = createHash('sha256')
      .update(canonicalJson(call.body ?? {}))
      .digest('hex');
    const owner = randomUUID();
    const terms = { leaseMs: this.config.idempotencyLeaseMs, ttlMs: IDEMPOTENCY_TTL_MS };
    // Within one lease the first request either finishes or can be taken over; waiting
    // longer only happens when yet another retry took it over first.
    const deadline = Date.now() + this.config.idempotencyLeaseMs + POLL_MS.max;

    for (let polls = 0; ; polls += 1) {
      const claim = await this.store.claim(storeKey, fingerprint, owner, terms);
      if (claim.claimed) {
        if (claim.takenOver) this.logger.warn(`took over an in-flight ${call.method} ${call.path} whose lease ran out`);
        return this.execute(storeKey, owner, operation);
      }
      const decision = decideIdempotency(claim.existing, fingerprint, this.clock.now().getTime());
      if (decision.kind === 'conflict') {
        throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different body');
      }
      if (decision.kind === 'replay') return replay<T>(decision.outcome);
      if (Date.now() >= deadline) throw new ApiError('TIMEOUT', 'the first request with this Idempotency-Key is still running');
      // wait, or (execute / take-over) the record expired after the claim read it: claim again.
      await sleep(Math.min(POLL_MS.first * 2 ** Math.min(polls, 4), POLL_MS.max));
    }
  }

  private async execute<T>(storeKey: string, owner: string, operation: () => Promise<{ status: number; body: T }>): Promise<HttpOutcome<T>> {
    let result: { status: number; body: T };
    try {
      result = await operation();
    } catch (error) {
      if (!(error instanceof ApiError) || !isReplayable(httpStatusFor(error.code))) {
        await this.settleRecord(() => this.store.release(storeKey, owner));
        throw error;
      }
      await this.settleRecord(() => this.store.complete(storeKey, owner, { status: httpStatusFor(error.code), body: null, error: error.toBody() }));
      throw error;
    }
    await this.settleRecord(() => this.store.complete(storeKey, owner, { status: result.status, body: result.body }));
    return { ...result, replayed: false };
  }

  /**
   * The operation ran: its answer goes to the caller even when the record cannot be
   * written (the store is down, or another claim took the record over). Left IN_FLIGHT,
   * the record's lease runs out and a retry runs the idempotent operation again.
   */
  private async settleRecord(write: () => Promise<unknown>): Promise<void> {
    try {
      const written = await write();
      if (written === false) this.logger.warn('an in-flight Idempotency-Key record was taken over before its first request finished');
    } catch (error) {
      this.logger.warn(`could not update an Idempotency-Key record: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function replay<T>(outcome: StoredOutcome): HttpOutcome<T> {
  if (outcome.error) {
    const code = ErrorCodeSchema.safeParse(outcome.error.code);
    throw new ApiError(code.success ? code.data : 'INTERNAL', outcome.error.message, outcome.error.details);
  }
  return { status: outcome.status, body: outcome.body as T, replayed: true };
}

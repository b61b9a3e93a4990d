import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { CLOCK, Clock } from '@cashout/platform';
import { ErrorCodeSchema } from '@cashout/shared-contracts';
import { httpStatusFor } from '../domain/error-status';
import {
  IDEMPOTENCY_TTL_MS,
  StoredOutcome,
  canonicalJson,
  decideIdempotency,
  isReplayable,
} from '../domain/idempotency';
import { ApiError } from '../http/api-error';
import { validate } from '../http/validation';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { IDEMPOTENCY_STORE, IdempotencyStore } from './idempotency-store.port';

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

const IdempotencyKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const POLL_MS = 25;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs an operation at most once per Idempotency-Key: the first response (status and body,
 * or its refusal) is stored for 24 h and answered again to every retry with the same body.
 */
@Injectable()
export class IdempotencyService {
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
    const fingerprint = createHash('sha256').update(canonicalJson(call.body ?? {})).digest('hex');
    // A retry waits for an in-flight first request, but never longer than that request may take.
    const deadline = Date.now() + this.config.replyTimeoutMs + this.config.confirmWaitMs + 1000;

    for (;;) {
      const claim = await this.store.claim(storeKey, fingerprint, IDEMPOTENCY_TTL_MS);
      if (claim.claimed) return this.execute(storeKey, fingerprint, operation);
      const decision = decideIdempotency(claim.existing, fingerprint, this.clock.now().getTime());
      if (decision.kind === 'conflict') {
        throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different body');
      }
      if (decision.kind === 'replay') return replay<T>(decision.outcome);
      if (Date.now() >= deadline) throw new ApiError('TIMEOUT', 'the first request with this Idempotency-Key is still running');
      await sleep(POLL_MS);
    }
  }

  private async execute<T>(
    storeKey: string,
    fingerprint: string,
    operation: () => Promise<{ status: number; body: T }>,
  ): Promise<HttpOutcome<T>> {
    let outcome: StoredOutcome;
    let result: { status: number; body: T } | undefined;
    try {
      result = await operation();
      outcome = { status: result.status, body: result.body };
    } catch (error) {
      if (!(error instanceof ApiError) || !isReplayable(httpStatusFor(error.code))) {
        await this.store.release(storeKey, fingerprint);
        throw error;
      }
      outcome = { status: httpStatusFor(error.code), body: null, error: error.toBody() };
      await this.store.complete(storeKey, fingerprint, outcome);
      throw error;
    }
    await this.store.complete(storeKey, fingerprint, outcome);
    return { ...result, replayed: false };
  }
}

function replay<T>(outcome: StoredOutcome): HttpOutcome<T> {
  if (outcome.error) {
    const code = ErrorCodeSchema.safeParse(outcome.error.code);
    throw new ApiError(code.success ? code.data : 'INTERNAL', outcome.error.message, outcome.error.details);
  }
  return { status: outcome.status, body: outcome.body as T, replayed: true };
}

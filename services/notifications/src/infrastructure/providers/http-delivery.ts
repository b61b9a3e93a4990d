import { Logger } from '@nestjs/common';
import { backoffDelayMs, isRetryableStatus } from '../../domain/provider-retry-policy';
import { DeliveryResult } from '../../message-provider.port';

export interface RetryOptions {
  /** Tries in all, the first included. */
  tries: number;
  timeoutMs: number;
  backoffMs: number;
}

export interface JsonPost {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Duck-typed: the abort reason is a DOMException, not always an `Error` of this realm. */
const isTimeout = (error: unknown) => typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TimeoutError';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * POSTs JSON with a timeout per try, retrying network errors, timeouts, 5xx and 429 with
 * exponential backoff. Logs name the provider and the status, never the body (it may
 * carry an OTP) nor the headers (they carry the credentials).
 */
export async function postJsonWithRetry(provider: string, request: JsonPost, options: RetryOptions, logger: Logger): Promise<DeliveryResult> {
  let reason = 'not attempted';
  for (let attempt = 1; attempt <= options.tries; attempt += 1) {
    let retryable: boolean;
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers },
        body: JSON.stringify(request.body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      // Drain the body so the connection is released back to the pool.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { delivered: true };
      reason = `HTTP ${response.status}`;
      retryable = isRetryableStatus(response.status);
    } catch (error) {
      reason = isTimeout(error) ? `timeout after ${options.timeoutMs} ms` : 'network error';
      retryable = true;
    }
    logger.warn(`${provider} try ${attempt}/${options.tries} failed: ${reason}`);
    if (!retryable) break;
    if (attempt < options.tries) await sleep(backoffDelayMs(attempt, options.backoffMs));
  }
  return { delivered: false, reason };
}

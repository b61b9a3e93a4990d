import { SseParser } from '../lib/sse';
import type { ApiClient } from './client';
import { ApiError } from './errors';
import { isTerminal, type IntentView } from './types';

export interface StreamHandlers {
  onView(view: IntentView): void;
  /** Connected (true) or reconnecting / ended (false). */
  onLive?(live: boolean): void;
  onError?(error: unknown): void;
}

export interface StreamOptions {
  /** Reconnections in a row after dropped connections while the intent is not final. */
  retries?: number;
  retryDelayMs?: number;
  /** A connection that stayed open this long was healthy: the next drop starts the count again. */
  healthyAfterMs?: number;
}

/**
 * Follows GET /intents/:id/events: `event: intent` blocks, the current view first, then each
 * new one; the answer ends after a final status. fetch() rather than EventSource, which cannot
 * send the Bearer header. A connection that drops or ends before a final status is reopened,
 * up to `retries` times in a row (the gateway also ends a stream after STREAM_MAX_SECONDS; a
 * connection that lasted `healthyAfterMs` resets the count); a refusal (4xx) is not retried.
 * Stops when `signal` aborts; reports through onError when it gives up.
 */
export async function followIntent(api: ApiClient, id: string, handlers: StreamHandlers, signal: AbortSignal, options: StreamOptions = {}): Promise<void> {
  const retries = options.retries ?? 2;
  const delay = options.retryDelayMs ?? 1000;
  const healthyAfter = options.healthyAfterMs ?? 10_000;
  let last: IntentView | undefined;
  let failures = 0;
  let lastError: unknown = new Error('the live stream ended before the intent did');
  while (!signal.aborted) {
    if (failures > 0) await sleep(delay * failures, signal);
    if (signal.aborted) return;
    const opened = Date.now();
    try {
      const response = await api.stream(`/intents/${encodeURIComponent(id)}/events`, signal);
      handlers.onLive?.(true);
      last = (await readIntents(response, handlers.onView, signal)) ?? last;
      handlers.onLive?.(false);
      if (last && isTerminal(last.status)) return;
    } catch (error) {
      handlers.onLive?.(false);
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        handlers.onError?.(error);
        return;
      }
      lastError = error;
    }
    failures = Date.now() - opened >= healthyAfter ? 1 : failures + 1;
    if (failures > retries) {
      handlers.onError?.(lastError);
      return;
    }
  }
}

/** Reads the event stream to its end; returns the last view seen. */
export async function readIntents(response: Response, onView: (view: IntentView) => void, signal: AbortSignal): Promise<IntentView | undefined> {
  if (!response.body) throw new Error('the stream has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let last: IntentView | undefined;
  const abort = (): void => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', abort);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const events = parser.push(done ? decoder.decode() : decoder.decode(value, { stream: true }));
      for (const event of events) {
        if (event.event !== 'intent') continue;
        last = JSON.parse(event.data) as IntentView;
        onView(last);
      }
      if (done) return last;
    }
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

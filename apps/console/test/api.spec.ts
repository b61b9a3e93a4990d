import { ApiClient, query, type Fetch } from '../src/api/client';
import { ApiError } from '../src/api/errors';
import { followIntent } from '../src/api/intent-stream';
import type { IntentView, IntentStatus } from '../src/api/types';

function intent(status: IntentStatus, steps: number): IntentView {
  return {
    id: 'i-1',
    referenceId: 'r-1',
    type: 'CASH_OUT',
    status,
    channel: 'CMMS',
    amount: 10000,
    currency: 'XOF',
    fees: 250,
    totalDebit: 10250,
    commission: 100,
    agent: { userId: 'a', phone: '+2250500000001' },
    client: { userId: 'c', phone: '+2250100000001' },
    initiatorUserId: 'o',
    createdBy: 'o',
    expiresAt: '2026-11-27T10:15:00Z',
    createdAt: '2026-11-27T10:00:00Z',
    updatedAt: `2026-11-27T10:00:0${steps}Z`,
    history: Array.from({ length: steps }, (_, index) => ({ status, at: `2026-11-27T10:00:0${index}Z` })),
  };
}

const block = (view: IntentView): string => `event: intent\ndata: ${JSON.stringify(view)}\n\n`;

/** A streaming answer whose chunks arrive one by one; `drop` errors the stream after them. */
function streamResponse(chunks: string[], drop = false): Response {
  const encoder = new TextEncoder();
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(encoder.encode(chunks[index++]));
      else if (drop) controller.error(new TypeError('network error'));
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

describe('ApiClient', () => {
  it('sends the bearer token, JSON bodies and a fresh Idempotency-Key on each confirm', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetcher: Fetch = async (url, init) => {
      calls.push({ url: String(url), init: init ?? {} });
      return new Response(JSON.stringify(intent('SUCCEEDED', 6)), { status: 200 });
    };
    const api = new ApiClient('tok', undefined, fetcher);
    await api.confirm('i-1');
    await api.confirm('i-1');
    await api.verifyOtp('i-1', '123456');
    const headers = calls.map((call) => call.init.headers as Record<string, string>);
    expect(calls.map((call) => `${call.init.method} ${call.url}`)).toEqual([
      'POST /intents/i-1/confirm',
      'POST /intents/i-1/confirm',
      'POST /intents/i-1/verify-otp',
    ]);
    expect(headers[0].authorization).toBe('Bearer tok');
    expect(headers[0]['idempotency-key']).not.toBe(headers[1]['idempotency-key']);
    expect(calls[2].init.body).toBe('{"otp":"123456"}');
    expect(headers[2]['content-type']).toBe('application/json');
  });

  it('throws ApiError with the platform’s code, and tells the session a 401', async () => {
    let ended = 0;
    const fetcher: Fetch = async () =>
      new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'token expired', correlationId: 'x' } }), { status: 401 });
    const api = new ApiClient('tok', () => ended++, fetcher);
    await expect(api.getIntent('i-1')).rejects.toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(ended).toBe(1);
  });

  it('turns a failed fetch into a NETWORK error', async () => {
    const api = new ApiClient('tok', undefined, async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.myWallets()).rejects.toMatchObject({ status: 0, body: { code: 'NETWORK' } });
  });

  it('lists intents with the same filters and the cursor, leaving out empty ones', async () => {
    const urls: string[] = [];
    const api = new ApiClient('tok', undefined, async (url) => {
      urls.push(String(url));
      return new Response('{"items":[],"nextCursor":null}', { status: 200 });
    });
    await api.listIntents({ status: 'SUCCEEDED', agentPhone: '+2250500000001', clientPhone: '', from: '2026-11-01', to: '2026-11-27' }, 20, 'CUR');
    expect(urls[0]).toBe('/intents?status=SUCCEEDED&agentPhone=%2B2250500000001&from=2026-11-01&to=2026-11-27&limit=20&cursor=CUR');
    expect(query({ a: undefined, b: '' })).toBe('');
  });
});

describe('followIntent', () => {
  it('shows the current view first, then each new one, and stops after a final status', async () => {
    const views: string[] = [];
    let opened = 0;
    const api = new ApiClient('tok', undefined, async (url, init) => {
      opened++;
      expect(String(url)).toBe('/intents/i-1/events');
      expect((init?.headers as Record<string, string>).authorization).toBe('Bearer tok');
      const all = block(intent('CREATED', 1)) + block(intent('OTP_SENT', 2)) + block(intent('SUCCEEDED', 3));
      return streamResponse([all.slice(0, 17), all.slice(17, 400), all.slice(400)]);
    });
    await followIntent(api, 'i-1', { onView: (view) => views.push(view.status) }, new AbortController().signal, { retryDelayMs: 1 });
    expect(views).toEqual(['CREATED', 'OTP_SENT', 'SUCCEEDED']);
    expect(opened).toBe(1);
  });

  it('reconnects after a dropped connection while the intent is not final', async () => {
    const views: string[] = [];
    const answers = [
      () => streamResponse([block(intent('CREATED', 1))], true),
      () => streamResponse([block(intent('OTP_SENT', 2))]),
      () => streamResponse([block(intent('OTP_SENT', 2)), block(intent('CANCELED', 3))]),
    ];
    let opened = 0;
    const api = new ApiClient('tok', undefined, async () => answers[opened++]());
    const live: boolean[] = [];
    await followIntent(api, 'i-1', { onView: (view) => views.push(view.status), onLive: (value) => live.push(value) }, new AbortController().signal, {
      retries: 2,
      retryDelayMs: 1,
    });
    expect(opened).toBe(3);
    expect(views).toEqual(['CREATED', 'OTP_SENT', 'OTP_SENT', 'CANCELED']);
    expect(live[live.length - 1]).toBe(false);
  });

  it('gives up after its retries and reports the error; a refusal is not retried', async () => {
    let opened = 0;
    const errors: unknown[] = [];
    const dropping = new ApiClient('tok', undefined, async () => {
      opened++;
      throw new TypeError('Failed to fetch');
    });
    await followIntent(dropping, 'i-1', { onView: () => undefined, onError: (error) => errors.push(error) }, new AbortController().signal, {
      retries: 2,
      retryDelayMs: 1,
    });
    expect(opened).toBe(3);
    expect(errors).toHaveLength(1);

    opened = 0;
    const refusing = new ApiClient('tok', undefined, async () => {
      opened++;
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such intent' } }), { status: 404 });
    });
    await followIntent(refusing, 'i-1', { onView: () => undefined, onError: (error) => errors.push(error) }, new AbortController().signal, { retryDelayMs: 1 });
    expect(opened).toBe(1);
    expect(errors[1]).toBeInstanceOf(ApiError);
  });

  it('reports when the stream keeps ending before the intent does, and starts counting again after a healthy connection', async () => {
    const errors: unknown[] = [];
    let opened = 0;
    const ending = new ApiClient('tok', undefined, async () => {
      opened++;
      return streamResponse([block(intent('OTP_SENT', 2))]);
    });
    await followIntent(ending, 'i-1', { onView: () => undefined, onError: (error) => errors.push(error) }, new AbortController().signal, {
      retries: 1,
      retryDelayMs: 1,
    });
    expect(opened).toBe(2);
    expect(String(errors[0])).toContain('the live stream ended before the intent did');

    // Every connection counts as healthy here: four ends in a row are fine with one retry.
    opened = 0;
    const views: string[] = [];
    const long = new ApiClient('tok', undefined, async () => {
      opened++;
      return streamResponse([block(intent(opened < 5 ? 'OTP_SENT' : 'EXPIRED', opened))]);
    });
    await followIntent(long, 'i-1', { onView: (view) => views.push(view.status) }, new AbortController().signal, {
      retries: 1,
      retryDelayMs: 1,
      healthyAfterMs: 0,
    });
    expect(opened).toBe(5);
    expect(views[views.length - 1]).toBe('EXPIRED');
  });

  it('stops reading when aborted', async () => {
    const controller = new AbortController();
    const views: string[] = [];
    const api = new ApiClient('tok', undefined, async (_url, init) => {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(encoder.encode(block(intent('CREATED', 1))));
          init?.signal?.addEventListener('abort', () => stream.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200 });
    });
    const done = followIntent(
      api,
      'i-1',
      {
        onView: (view) => {
          views.push(view.status);
          controller.abort();
        },
      },
      controller.signal,
    );
    await expect(done).resolves.toBeUndefined();
    expect(views).toEqual(['CREATED']);
  });
});

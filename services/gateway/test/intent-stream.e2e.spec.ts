import { AddressInfo } from 'node:net';
import { MessageFactory } from '@cashout/platform';
import { IntentStatus, IntentView, TOPICS } from '@cashout/shared-contracts';
import { SseReader } from '@cashout/testkit';
import { Harness, USERS, createHarness, sampleIntent } from './support/gateway-harness';

const INTENT_ID = '6f1c2f0e-8b1c-4b43-9d57-0a3f2b7d1c11';
const OTHER_AGENTS_INTENT = '0b7e4c1a-9d2f-4e3b-8a6c-5f1d2e3c4b5a';
const PATH = ['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'PROCESSING', 'SUCCEEDED'] as const;

let harness: Harness;
let baseUrl: string;
const events = new MessageFactory('ledger-wallets');

/** The intent after `count` transitions of the happy path: its history is its sequence. */
function intentAt(count: number, overrides: Partial<IntentView> = {}): IntentView {
  const history = PATH.slice(0, count).map((status, index) => ({ status, at: `2026-01-15T10:00:0${index}.000Z` }));
  return sampleIntent({ id: INTENT_ID, status: PATH[count - 1], history, ...overrides });
}

/** The ledger's IntentStateChanged for that intent state, on the events topic; `settle`: handled by every group. */
async function publishTransition(intent: IntentView, from?: IntentStatus, settle = true): Promise<void> {
  const message = events.create(
    'IntentStateChanged',
    { ...(from ? { from } : {}), to: intent.status, sequence: intent.history.length, at: intent.history.at(-1)?.at ?? intent.updatedAt, intent },
    { aggregateId: intent.id, correlationId: `c-${intent.history.length}` },
  );
  await harness.bus.publish([message]);
  if (settle) await harness.bus.idle();
}

/** The fake ledger answers GetIntent with `intent` for its id, 404 for any other (another agent's). */
function ledgerHolds(intent: IntentView): void {
  harness.answers.GetIntent = (message) => {
    const { intentId } = message.payload as { intentId: string };
    return intentId === intent.id ? { kind: 'intent', intent } : { kind: 'error', error: { code: 'NOT_FOUND', message: 'no such intent' } };
  };
}

function open(intentId: string, role: 'AGENT' | 'ADMIN' | 'OPERATOR' | 'CLIENT' = 'AGENT', token = harness.tokenFor(role)): Promise<Response> {
  return fetch(`${baseUrl}/intents/${intentId}/events`, { headers: { Authorization: `Bearer ${token}` } });
}

async function reader(response: Response): Promise<SseReader> {
  expect(response.status).toBe(200);
  if (!response.body) throw new Error('no body');
  return new SseReader(response.body);
}

const statusOf = (data: string) => (JSON.parse(data) as IntentView).status;

/** Streams open on the gateway, as its gauge says. */
async function openStreams(): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(/^gateway_intent_streams_open (\d+)$/m.exec(text)?.[1]);
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function start(env: Record<string, string> = {}): Promise<void> {
  harness = await createHarness(env);
  await harness.app.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(harness.app.getHttpServer().address() as AddressInfo).port}`;
}

afterEach(async () => {
  await harness.close();
});

describe('GET /intents/:id/events', () => {
  it('sends the current view, then each transition in order, and ends after the final status', async () => {
    await start();
    ledgerHolds(intentAt(1));
    const response = await open(INTENT_ID);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('no-store');
    const stream = await reader(response);
    const first = await stream.nextEvent();
    expect(first).toEqual({ kind: 'event', event: 'intent', data: JSON.stringify(intentAt(1)) });

    for (let count = 2; count <= PATH.length; count += 1) await publishTransition(intentAt(count), PATH[count - 2]);
    const rest = await stream.eventsUntilEnd();
    expect(rest.map((event) => event.event)).toEqual(['intent', 'intent', 'intent', 'intent', 'intent']);
    expect(rest.map((event) => statusOf(event.data))).toEqual(PATH.slice(1));
    await eventually(async () => (await openStreams()) === 0, 'closed on the server');
  });

  it('skips what the current view already shows and events that come late or twice, and ignores other intents', async () => {
    await start();
    ledgerHolds(intentAt(3));
    const stream = await reader(await open(INTENT_ID));
    expect(statusOf((await stream.nextEvent())?.data ?? '')).toBe('OTP_VERIFIED');
    await publishTransition(intentAt(2));
    await publishTransition(intentAt(3));
    await publishTransition({ ...intentAt(4), id: OTHER_AGENTS_INTENT });
    await publishTransition(intentAt(4));
    await publishTransition(intentAt(4));
    await publishTransition(intentAt(5, { status: 'FAILED', history: [...intentAt(4).history, { status: 'FAILED', at: '2026-01-15T10:00:09.000Z' }] }));
    const rest = await stream.eventsUntilEnd();
    expect(rest.map((event) => statusOf(event.data))).toEqual(['PIN_VERIFIED', 'FAILED']);
  });

  it('keeps a transition that happens while the current view is read (the stream listens first)', async () => {
    await start();
    // The ledger moves the intent on between the stream's registration and its read's answer.
    harness.answers.GetIntent = async () => {
      // Not waiting for the bus to settle: this answer is itself one of its handlers.
      await publishTransition(intentAt(2), 'CREATED', false);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { kind: 'intent', intent: intentAt(1) };
    };
    const stream = await reader(await open(INTENT_ID));
    expect(statusOf((await stream.nextEvent())?.data ?? '')).toBe('CREATED');
    expect(statusOf((await stream.nextEvent())?.data ?? '')).toBe('OTP_SENT');
    await stream.cancel();
  });

  it('ends at once when the intent is already final', async () => {
    await start();
    ledgerHolds(intentAt(6));
    const stream = await reader(await open(INTENT_ID, 'OPERATOR'));
    expect((await stream.eventsUntilEnd()).map((event) => statusOf(event.data))).toEqual(['SUCCEEDED']);
  });

  it("answers another agent's intent and an unknown one with the 404 of GET /intents/:id, before any stream", async () => {
    await start();
    ledgerHolds(intentAt(1));
    for (const id of [OTHER_AGENTS_INTENT, 'no-such-intent']) {
      const response = await open(id);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
    expect(harness.published('GetIntent').map((message) => message.payload)).toEqual([
      { intentId: OTHER_AGENTS_INTENT, actor: { userId: USERS.AGENT.userId, role: 'AGENT' } },
      { intentId: 'no-such-intent', actor: { userId: USERS.AGENT.userId, role: 'AGENT' } },
    ]);
    expect(await openStreams()).toBe(0);
  });

  it('is refused to a client, and to a caller without a token, in the usual shape', async () => {
    await start();
    expect((await open(INTENT_ID, 'CLIENT')).status).toBe(403);
    expect((await fetch(`${baseUrl}/intents/${INTENT_ID}/events`)).status).toBe(401);
  });

  it('holds at most STREAMS_PER_USER streams of one user: one more is a 429 RATE_LIMITED with Retry-After; closing one frees its slot', async () => {
    await start({ STREAMS_PER_USER: '2' });
    ledgerHolds(intentAt(1));
    const first = await reader(await open(INTENT_ID));
    const second = await reader(await open(INTENT_ID));
    await first.nextEvent();
    await second.nextEvent();

    const refused = await open(INTENT_ID);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(((await refused.json()) as { error: { code: string; details: unknown } }).error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    // Another user is not limited by this one's streams.
    const admins = await reader(await open(INTENT_ID, 'ADMIN'));
    await admins.nextEvent();
    expect(await openStreams()).toBe(3);
    expect(await (await fetch(`${baseUrl}/metrics`)).text()).toMatch(/^gateway_intent_streams_refused_total 1$/m);

    await first.cancel();
    await eventually(async () => (await openStreams()) === 2, 'released after the client hung up');
    const again = await reader(await open(INTENT_ID));
    expect(statusOf((await again.nextEvent())?.data ?? '')).toBe('CREATED');
    await Promise.all([second.cancel(), admins.cancel(), again.cancel()]);
  });

  it('ends a stream after STREAM_MAX_SECONDS, and every stream when the gateway shuts down', async () => {
    await start({ STREAM_MAX_SECONDS: '1' });
    ledgerHolds(intentAt(1));
    const limited = await reader(await open(INTENT_ID));
    const started = Date.now();
    expect((await limited.eventsUntilEnd(5_000)).map((event) => statusOf(event.data))).toEqual(['CREATED']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const open1 = await reader(await open(INTENT_ID, 'OPERATOR'));
    await open1.nextEvent();
    await harness.app.close();
    expect(await open1.next(5_000)).toBeUndefined();
  });

  it('reads the intent events of its own consumer group, from the latest offset', async () => {
    await start();
    const group = harness.bus.consumerLags().find((lag) => lag.topic === TOPICS.intentEvents && lag.group.startsWith('gateway-intent-events-'));
    expect(group).toBeDefined();
  });
});

import { randomUUID } from 'node:crypto';
import { OutgoingMessage } from '../src/messaging/message-bus.port';
import { StreamLine, StreamStore, writeStream } from '../src/persistence/stream-store.port';

/** A toy aggregate: a counter with a floor at zero, the shape of a wallet balance. */
interface Counter {
  value: number;
}

export interface StreamStoreFixture {
  store: StreamStore<Counter>;
  close(): Promise<void>;
}

const at = () => new Date().toISOString();
const line = (stream: string, seq: number, value: number, op?: string, outbox: OutgoingMessage[] = []): StreamLine<Counter> => ({
  stream,
  seq,
  state: { value },
  op,
  outbox,
  at: at(),
});

const message = (id: string): OutgoingMessage => ({
  topic: 'probe',
  key: 'k',
  envelope: {
    messageId: id,
    type: 'IntentStateChanged',
    version: 1,
    occurredAt: at(),
    correlationId: id,
    aggregateId: 'k',
    producer: 'contract',
    payload: {},
  },
});

/** The concurrency the issue measured against the test server: 40 writers of one stream. */
const WRITERS = 40;

/**
 * The stream store's promises, run against every adapter. The concurrent cases are the
 * point: they are what single-document conditional updates got wrong on the test server.
 */
export function describeStreamStoreContract(adapter: string, makeFixture: () => Promise<StreamStoreFixture>): void {
  describe(`StreamStore contract: ${adapter}`, () => {
    let fixture: StreamStoreFixture;
    let store: StreamStore<Counter>;
    let stream: string;

    beforeEach(async () => {
      fixture = await makeFixture();
      store = fixture.store;
      stream = `counter-${randomUUID()}`;
    });

    afterEach(() => fixture.close());

    it('has no lines for a new stream', async () => {
      expect(await store.head(stream)).toBeUndefined();
      expect(await store.latest(stream)).toBeUndefined();
      expect(await store.lines(stream)).toEqual([]);
    });

    it('appends lines in order and reads the latest back', async () => {
      expect((await store.append(line(stream, 1, 5))).kind).toBe('appended');
      expect((await store.append(line(stream, 2, 7))).kind).toBe('appended');
      expect((await store.latest(stream))?.state).toEqual({ value: 7 });
      expect((await store.line(stream, 1))?.state).toEqual({ value: 5 });
      expect((await store.lines(stream)).map((l) => l.seq)).toEqual([1, 2]);
    });

    it('refuses a second line at a taken number and hands back the line that is there', async () => {
      await store.append(line(stream, 1, 5));
      const outcome = await store.append(line(stream, 1, 9));
      expect(outcome).toMatchObject({ kind: 'conflict', current: { seq: 1, state: { value: 5 } } });
      expect((await store.latest(stream))?.state).toEqual({ value: 5 });
    });

    it('records an operation once and answers the line that recorded it', async () => {
      await store.append(line(stream, 1, 5, 'credit:a'));
      const again = await store.append(line(stream, 2, 10, 'credit:a'));
      expect(again).toMatchObject({ kind: 'duplicate', line: { seq: 1, op: 'credit:a' } });
      expect(await store.lines(stream)).toHaveLength(1);
      expect((await store.findOp(stream, 'credit:a'))?.seq).toBe(1);
      expect(await store.findOp(stream, 'credit:b')).toBeUndefined();
    });

    it('keeps operations apart per stream', async () => {
      const other = `${stream}-other`;
      await store.append(line(stream, 1, 1, 'same-op'));
      expect((await store.append(line(other, 1, 1, 'same-op'))).kind).toBe('appended');
    });

    it('of 40 writers of the same next line, exactly one wins', async () => {
      await store.append(line(stream, 1, 0));
      const outcomes = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => store.append(line(stream, 2, writer + 1, `w${writer}`))));
      expect(outcomes.filter((outcome) => outcome.kind === 'appended')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.kind === 'conflict')).toHaveLength(WRITERS - 1);
      expect(await store.lines(stream)).toHaveLength(2);
    });

    it('of 40 writers of the same operation on different lines, exactly one records it', async () => {
      const outcomes = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => store.append(line(`${stream}-${writer}`, 1, 1, 'once'))));
      // Different streams: the op is per stream, so every one lands.
      expect(outcomes.every((outcome) => outcome.kind === 'appended')).toBe(true);
      const same = await Promise.all(Array.from({ length: WRITERS }, (_, seq) => store.append(line(stream, 1, seq, 'once'))));
      expect(same.filter((outcome) => outcome.kind === 'appended')).toHaveLength(1);
    });

    it('40 concurrent increments through writeStream lose none', async () => {
      await Promise.all(
        Array.from({ length: WRITERS }, () =>
          writeStream(store, stream, (current) => ({ write: { state: { value: (current?.state.value ?? 0) + 1 } }, result: undefined })),
        ),
      );
      const latest = await store.latest(stream);
      expect(latest?.state.value).toBe(WRITERS);
      expect(latest?.seq).toBe(WRITERS);
    });

    it('40 concurrent guarded debits of 10 from 100 let exactly 10 through and never go below zero', async () => {
      await store.append(line(stream, 1, 100));
      const results = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          writeStream(store, stream, (current) => {
            const value = current?.state.value ?? 0;
            if (value < 10) return { result: 'insufficient' as const };
            return { write: { state: { value: value - 10 }, op: `debit:${writer}` }, result: 'debited' as const };
          }),
        ),
      );
      const debited = results.filter((result) => result.kind === 'written').length;
      expect(debited).toBe(10);
      expect((await store.latest(stream))?.state.value).toBe(0);
      const values = (await store.lines(stream)).map((l) => l.state.value);
      expect(Math.min(...values)).toBe(0);
    });

    it('a redelivered operation run twice at once moves the counter once', async () => {
      await store.append(line(stream, 1, 0));
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          writeStream(store, stream, (current) => ({ write: { state: { value: (current?.state.value ?? 0) + 7 }, op: 'credit:x' }, result: 'ok' })),
        ),
      );
      expect(results.filter((result) => result.kind === 'written')).toHaveLength(1);
      expect(results.filter((result) => result.kind === 'duplicate')).toHaveLength(9);
      expect((await store.latest(stream))?.state.value).toBe(7);
    });

    it('writeStream writes nothing when the decision says so', async () => {
      const result = await writeStream(store, stream, () => ({ result: 42 }));
      expect(result).toEqual({ kind: 'unchanged', current: undefined, result: 42 });
      expect(await store.lines(stream)).toEqual([]);
    });

    it('lists the outbox of lines not relayed yet, and forgets them once relayed', async () => {
      await store.append(line(stream, 1, 1, undefined, [message(`m-${stream}-1`)]));
      await store.append(line(stream, 2, 2));
      const pending = (await store.pendingOutbox(1000)).filter((batch) => batch.entries.some((entry) => entry.id === `m-${stream}-1`));
      expect(pending).toHaveLength(1);
      await store.markRelayed(pending[0].documentId, [`m-${stream}-1`]);
      const after = (await store.pendingOutbox(1000)).filter((batch) => batch.entries.some((entry) => entry.id === `m-${stream}-1`));
      expect(after).toHaveLength(0);
    });

    it('leaves lines written after the cutoff to their writer', async () => {
      await store.append(line(stream, 1, 1, undefined, [message(`m-${stream}-late`)]));
      const early = await store.pendingOutbox(1000, new Date(Date.now() - 60_000));
      expect(early.some((batch) => batch.entries.some((entry) => entry.id === `m-${stream}-late`))).toBe(false);
    });

    it('rejects reserved operation names', async () => {
      await expect(store.append(line(stream, 1, 1, '@1'))).rejects.toThrow(/reserved/);
    });
  });
}

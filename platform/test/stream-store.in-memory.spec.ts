import { OutgoingMessage } from '../src/messaging/message-bus.port';
import { InMemoryStreamStore, lineKey } from '../src/persistence/in-memory-stream-store';
import { StreamLine, writeStream } from '../src/persistence/stream-store.port';
import { describeStreamStoreContract } from './stream-store.contract';

describeStreamStoreContract('in-memory', async () => ({ store: new InMemoryStreamStore(), close: async () => undefined }));

interface Order {
  status: 'OPEN' | 'DONE';
  items: Array<{ sku: string }>;
}

const at = '2026-01-01T00:00:00.000Z';
const line = (stream: string, seq: number, state: Order, outbox: OutgoingMessage[] = []): StreamLine<Order> => ({ stream, seq, state, outbox, at });
const message: OutgoingMessage = {
  topic: 'probe',
  key: 'k',
  envelope: { messageId: 'm-1', type: 'IntentStateChanged', version: 1, occurredAt: at, correlationId: 'c', aggregateId: 'k', producer: 'test', payload: {} },
};

describe('InMemoryStreamStore (the embedded twin)', () => {
  it('keeps what was appended whatever the writer does with its object afterwards', async () => {
    const store = new InMemoryStreamStore<Order>();
    const state: Order = { status: 'OPEN', items: [{ sku: 'a' }] };
    await store.append(line('o-1', 1, state));

    state.items.push({ sku: 'b' });
    state.status = 'DONE';

    expect((await store.latest('o-1'))?.state).toEqual({ status: 'OPEN', items: [{ sku: 'a' }] });
  });

  it('hands out lines that cannot be changed, so no reader alters what another reads', async () => {
    const store = new InMemoryStreamStore<Order>();
    await store.append(line('o-1', 1, { status: 'OPEN', items: [{ sku: 'a' }] }));
    const read = await store.latest('o-1');

    expect(() => read?.state.items.push({ sku: 'b' })).toThrow(TypeError);
    expect((await store.latest('o-1'))?.state.items).toEqual([{ sku: 'a' }]);
  });

  it('shares the unchanged parts of a state built from the line before it', async () => {
    const store = new InMemoryStreamStore<Order>();
    await store.append(line('o-1', 1, { status: 'OPEN', items: [{ sku: 'a' }] }));
    const first = await store.latest('o-1');

    await store.append(line('o-1', 2, { ...(first as StreamLine<Order>).state, status: 'DONE' }));

    const lines = await store.lines('o-1');
    expect(lines.map((l) => l.state.status)).toEqual(['OPEN', 'DONE']);
    expect(lines[1].state.items).toBe(lines[0].state.items);
  });

  it('lists as live the streams whose latest line the live test accepts, and only those', async () => {
    const store = new InMemoryStreamStore<Order>({ live: (state) => state.status === 'OPEN' });
    await store.append(line('o-1', 1, { status: 'OPEN', items: [] }));
    await store.append(line('o-2', 1, { status: 'OPEN', items: [] }));
    await store.append(line('o-1', 2, { status: 'DONE', items: [] }));

    expect(store.liveHeads().map((head) => [head.stream, head.seq])).toEqual([['o-2', 1]]);
  });

  it('lets go of a line outbox once it is relayed; the line itself stays', async () => {
    const store = new InMemoryStreamStore<Order>();
    await store.append(line('o-1', 1, { status: 'OPEN', items: [] }, [message]));
    expect((await store.line('o-1', 1))?.outbox).toHaveLength(1);

    await store.markRelayed(lineKey('o-1', 1));

    expect(await store.line('o-1', 1)).toMatchObject({ seq: 1, state: { status: 'OPEN' }, outbox: [] });
    expect(await store.pendingOutbox(10)).toEqual([]);
  });
});

describe('InMemoryStreamStore without history (the embedded repositories)', () => {
  const counter = (value: number) => ({ status: 'OPEN' as const, items: Array.from({ length: value }, (_, index) => ({ sku: String(index) })) });

  it('keeps the latest line and the lines that recorded an operation; superseded plain lines go', async () => {
    const store = new InMemoryStreamStore<Order>({ retainHistory: false });
    await store.append(line('o-1', 1, counter(1)));
    await store.append({ ...line('o-1', 2, counter(2)), op: 'add:2' });
    await store.append(line('o-1', 3, counter(3)));
    await store.append(line('o-1', 4, counter(4)));

    expect((await store.lines('o-1')).map((kept) => kept.seq)).toEqual([2, 4]);
    expect(await store.line('o-1', 3)).toBeUndefined();
    expect((await store.findOp('o-1', 'add:2'))?.seq).toBe(2);
    expect((await store.latest('o-1'))?.seq).toBe(4);
  });

  it('keeps a superseded line until its outbox is relayed', async () => {
    const store = new InMemoryStreamStore<Order>({ retainHistory: false });
    await store.append(line('o-1', 1, counter(1), [message]));
    await store.append(line('o-1', 2, counter(2)));
    expect((await store.pendingOutbox(10)).map((batch) => batch.documentId)).toEqual([lineKey('o-1', 1)]);

    await store.markRelayed(lineKey('o-1', 1));

    expect((await store.lines('o-1')).map((kept) => kept.seq)).toEqual([2]);
  });

  it('answers a writer that lost the race to a line no longer kept with the latest line', async () => {
    const store = new InMemoryStreamStore<Order>({ retainHistory: false });
    for (const seq of [1, 2, 3]) await store.append(line('o-1', seq, counter(seq)));

    const outcome = await store.append(line('o-1', 2, counter(9)));

    expect(outcome).toMatchObject({ kind: 'conflict', current: { seq: 3 } });
  });

  it('loses no increment of 40 concurrent writers, and records an operation once', async () => {
    const store = new InMemoryStreamStore<{ value: number }>({ retainHistory: false });
    await Promise.all(
      Array.from({ length: 40 }, () =>
        writeStream(store, 'c-1', (current) => ({ write: { state: { value: (current?.state.value ?? 0) + 1 } }, result: undefined })),
      ),
    );
    const once = await Promise.all(
      Array.from({ length: 10 }, () =>
        writeStream(store, 'c-1', (current) => ({ write: { state: { value: (current?.state.value ?? 0) + 100 }, op: 'bonus' }, result: undefined })),
      ),
    );

    expect((await store.latest('c-1'))?.state.value).toBe(140);
    expect(once.filter((outcome) => outcome.kind === 'written')).toHaveLength(1);
  });
});

import { OutgoingMessage } from '../src/messaging/message-bus.port';
import { InMemoryStreamStore, lineKey } from '../src/persistence/in-memory-stream-store';
import { StreamLine } from '../src/persistence/stream-store.port';
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

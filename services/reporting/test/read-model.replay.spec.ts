import { Message, parseMessage } from '@cashout/shared-contracts';
import { IntentFacts } from '../src/domain/intent-facts';
import { ReadModelReplay } from '../src/replay/read-model.replay';
import { eventOf, SUCCEEDED_STEPS, viewsAlong } from './intent-views';

/** A message as the replay gets it: an envelope read from the topic, parsed (and upcast). */
function read(type: string, version: number, payload: unknown, aggregateId: string): Message {
  const parsed = parseMessage({
    messageId: `m-${Math.random()}`,
    type,
    version,
    occurredAt: '2026-11-27T10:00:00.000Z',
    correlationId: 'c-1',
    aggregateId,
    producer: 'test',
    payload,
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.message;
}

/** The IntentStateChanged events of an intent's life, each at the next offset of one partition. */
function eventsOf(id: string, partition: number, firstOffset: number, steps = SUCCEEDED_STEPS) {
  return viewsAlong(id, steps).map((view, index) => ({
    message: read('IntentStateChanged', 2, { from: view.history.at(-2)?.status, to: view.status, ...eventOf(view) }, id),
    position: { partition, offset: firstOffset + index },
  }));
}

function replayAll(served: IntentFacts[], start: Map<number, number>, events: ReturnType<typeof eventsOf>): ReadModelReplay {
  const replay = new ReadModelReplay(served, start);
  for (const { message, position } of events) replay.apply(message, position);
  return replay;
}

describe('a replay of the reporting read model', () => {
  const first = eventsOf('i-1', 0, 0);
  const second = eventsOf('i-2', 1, 0);
  const healthy = replayAll(
    [],
    new Map([
      [0, 0],
      [1, 0],
    ]),
    [...first, ...second],
  ).rebuilt();

  it('rebuilds every intent from the beginning, and a healthy model is left unchanged', () => {
    const replay = replayAll(
      healthy,
      new Map([
        [0, 0],
        [1, 0],
      ]),
      [...first, ...second],
    );

    expect(replay.rebuilt().map((facts) => [facts.intentId, facts.status, facts.steps])).toEqual([
      ['i-1', 'SUCCEEDED', 6],
      ['i-2', 'SUCCEEDED', 6],
    ]);
    expect(replay.diff()).toEqual({ served: 2, rebuilt: 2, added: [], removed: [], changed: [] });
  });

  it('repairs facts that drifted and removes facts no event supports', () => {
    const drifted = healthy.map((facts) => (facts.intentId === 'i-1' ? { ...facts, amount: 1, status: 'PROCESSING' as const } : facts));
    const stray: IntentFacts = { ...healthy[0], intentId: 'i-stray', position: { partition: 0, offset: 3 } };

    const replay = replayAll(
      [...drifted, stray],
      new Map([
        [0, 0],
        [1, 0],
      ]),
      [...first, ...second],
    );

    expect(replay.diff()).toEqual({ served: 3, rebuilt: 2, added: [], removed: ['i-stray'], changed: [{ intentId: 'i-1', fields: ['status', 'amount'] }] });
    expect(replay.rebuilt().find((facts) => facts.intentId === 'i-1')).toMatchObject({ amount: 10_000, status: 'SUCCEEDED' });
  });

  it('folds version 1 events, upcast on reading, exactly like version 2 ones', () => {
    const v1 = viewsAlong('i-1', SUCCEEDED_STEPS).map((view, index) => ({
      message: read('IntentStateChanged', 1, { from: view.history.at(-2)?.status, to: view.status, intent: view }, 'i-1'),
      position: { partition: 0, offset: index },
    }));

    const replay = replayAll(
      healthy,
      new Map([
        [0, 0],
        [1, 0],
      ]),
      [...v1, ...second],
    );

    expect(replay.diff()).toEqual({ served: 2, rebuilt: 2, added: [], removed: [], changed: [] });
  });

  it('since a time keeps the facts of events before its start and refolds those after', () => {
    // The served model lost i-2 (its events are at offsets 0..5 of partition 1, after the start).
    const served = healthy.filter((facts) => facts.intentId === 'i-1');
    const replay = replayAll(
      served,
      new Map([
        [0, 6],
        [1, 0],
      ]),
      second,
    );

    expect(replay.diff()).toMatchObject({ served: 1, rebuilt: 2, added: ['i-2'], removed: [], changed: [] });
  });

  it('keeps facts from partitions the replay does not read, and counts other messages as ignored', () => {
    const replay = new ReadModelReplay(healthy, new Map([[1, 0]]));
    const actor = { userId: 'usr-admin-0001', role: 'ADMIN' };
    const other = read('GetAgentDailyReport', 1, { actor, agentPhone: '+2250500000001', from: '2026-11-27', to: '2026-11-27' }, 'x');

    expect(replay.apply(other, { partition: 1, offset: 9 })).toBe('ignored');
    expect(replay.apply(second[5].message, second[5].position)).toBe('applied');
    expect(replay.apply(second[2].message, { partition: 1, offset: 7 })).toBe('skipped');
    expect(
      replay
        .rebuilt()
        .map((facts) => facts.intentId)
        .sort(),
    ).toEqual(['i-1', 'i-2']);
  });
});

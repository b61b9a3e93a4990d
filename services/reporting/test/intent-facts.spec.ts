import { foldIntentEvent, IntentFacts, timeInStates } from '../src/domain/intent-facts';
import { eventOf, SUCCEEDED_STEPS, viewOf, viewsAlong } from './intent-views';

function foldAll(views: ReturnType<typeof viewsAlong>, firstOffset = 0, partition = 1): IntentFacts | undefined {
  let facts: IntentFacts | undefined;
  views.forEach((view, index) => {
    const folded = foldIntentEvent(facts, eventOf(view), { partition, offset: firstOffset + index });
    if (folded.kind === 'applied') facts = folded.facts;
  });
  return facts;
}

describe('folding intent events into facts', () => {
  it('keeps what the report needs from the latest view: agent, UTC day, status, money, position', () => {
    const facts = foldAll(viewsAlong('i-1', SUCCEEDED_STEPS), 10);

    expect(facts).toMatchObject({
      intentId: 'i-1',
      agentPhone: '+2250500000001',
      agentUserId: 'usr-agent-0001',
      day: '2026-11-27',
      currency: 'XOF',
      status: 'SUCCEEDED',
      amount: 10_000,
      fees: 250,
      commission: 100,
      steps: 6,
      position: { partition: 1, offset: 15 },
    });
  });

  it('measures each state the intent left, from its history: stays and their total length', () => {
    expect(timeInStates(viewOf('i-1', SUCCEEDED_STEPS).history)).toEqual({
      CREATED: { count: 1, totalMs: 2_000 },
      OTP_SENT: { count: 1, totalMs: 30_000 },
      OTP_VERIFIED: { count: 1, totalMs: 8_000 },
      PIN_VERIFIED: { count: 1, totalMs: 5_000 },
      PROCESSING: { count: 1, totalMs: 1_000 },
    });
  });

  it('counts an OTP resent as one stay in OTP_SENT, and a time running backwards as zero', () => {
    const history = viewOf('i-1', [
      ['CREATED', 5],
      ['OTP_SENT', 0],
      ['OTP_SENT', 60],
      ['CANCELED', 90],
    ]).history;

    expect(timeInStates(history)).toEqual({ CREATED: { count: 1, totalMs: 0 }, OTP_SENT: { count: 1, totalMs: 90_000 } });
  });

  it('skips a redelivered event: at or below the position already applied for the intent', () => {
    const views = viewsAlong('i-1', SUCCEEDED_STEPS);
    const facts = foldAll(views, 0);
    if (!facts) throw new Error('no facts');

    expect(foldIntentEvent(facts, eventOf(views[5]), { partition: 1, offset: 5 })).toEqual({ kind: 'skipped', reason: 'already-applied' });
    expect(foldIntentEvent(facts, eventOf(views[2]), { partition: 1, offset: 2 })).toEqual({ kind: 'skipped', reason: 'already-applied' });
  });

  it('skips a view older than the facts, and applies the same view again as the same facts', () => {
    const views = viewsAlong('i-1', SUCCEEDED_STEPS);
    const facts = foldAll(views, 0);
    if (!facts) throw new Error('no facts');

    expect(foldIntentEvent(facts, eventOf(views[3]), { partition: 2, offset: 40 })).toEqual({ kind: 'skipped', reason: 'older-view' });
    const again = foldIntentEvent(facts, eventOf(views[5]), { partition: 2, offset: 41 });
    expect(again.kind === 'applied' && { ...again.facts, position: facts.position }).toEqual(facts);
  });
});

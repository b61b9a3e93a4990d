import { auditJournal, JournalEvidence } from '../src/domain/journal-audit';
import { chainStep, entryDigest, GENESIS, lineHash, sealOf, WalletLine } from '../src/domain/journal-chain';
import { JournalEntry } from '../src/domain/ledger';
import { decidePlaceHold, decidePosting, WalletState, WalletStep } from '../src/domain/wallet-stream';
import { anEntry, CLIENT, FLOAT, FUNDING, posting } from './support/ledger-fixtures';

const GUARD = { allowNegative: false };
const atMinute = (minute: number) => `2026-01-15T10:${String(minute).padStart(2, '0')}:00.000Z`;

/** A wallet stream as the repository writes it: each decision chained onto the line before. */
class Stream {
  readonly lines: WalletLine[] = [];
  constructor(readonly id: string) {}

  get state(): WalletState | undefined {
    return this.lines.at(-1)?.state;
  }

  append(step: WalletStep<unknown>, entry?: JournalEntry, chained = true): this {
    const current = this.lines.at(-1);
    const at = atMinute(this.lines.length);
    const decided = chained ? chainStep(this.id, current, step, at, entry && entryDigest(entry)) : step;
    if (!decided.write) throw new Error('the step writes nothing');
    this.lines.push({ stream: this.id, seq: (current?.seq ?? 0) + 1, op: decided.write.op, at, state: decided.write.state });
    return this;
  }

  post(entry: JournalEntry, chained = true): this {
    const movement = entry.postings.filter((leg) => leg.walletId === this.id).reduce((sum, leg) => sum + leg.amount, 0);
    return this.append(decidePosting(this.state, { entryId: entry.id, movement, capturesHoldId: entry.capturesHoldId }, GUARD), entry, chained);
  }
}

const OPENING = anEntry('opening', [posting(FUNDING, -50_000), posting(CLIENT, 50_000)]);
const SPEND = (id: string, amount: number) => anEntry(id, [posting(CLIENT, -amount), posting(FLOAT, amount)], { kind: 'CASH_OUT', intentId: `intent-${id}` });

function aLedger(): { client: Stream; float: Stream; entries: JournalEntry[] } {
  const entries = [OPENING, SPEND('e1', 1_000), SPEND('e2', 2_000), SPEND('e3', 3_000)];
  const client = new Stream(CLIENT).post(OPENING);
  const float = new Stream(FLOAT);
  client.append(decidePlaceHold(client.state, { holdId: 'h1', amount: 500, placedAt: atMinute(59) }, GUARD));
  for (const entry of entries.slice(1)) {
    client.post(entry);
    float.post(entry);
  }
  return { client, float, entries };
}

function evidenceOf(streams: Stream[], headSeqs: Record<string, number> = {}): JournalEvidence {
  return {
    wallets: [
      { id: FUNDING, kind: 'SYSTEM' },
      { id: CLIENT, kind: 'MAIN' },
      { id: FLOAT, kind: 'FLOAT' },
    ],
    streams: streams.map((stream) => ({ walletId: stream.id, lines: stream.lines, ...(stream.id in headSeqs ? { headSeq: headSeqs[stream.id] } : {}) })),
    housePostings: [{ walletId: FUNDING, entryId: 'opening', amount: -50_000, currency: 'XOF', at: atMinute(0) }],
  };
}

/** A line as someone editing the database would leave it. */
function edit(stream: Stream, seq: number, change: (line: WalletLine) => WalletLine): void {
  const index = stream.lines.findIndex((line) => line.seq === seq);
  stream.lines[index] = change(structuredClone(stream.lines[index]));
}

describe('entryDigest', () => {
  it('covers ids, wallets, signed integer amounts and the intent, not the time of the attempt', () => {
    const entry = SPEND('e1', 1_000);
    const digest = entryDigest(entry);

    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(entryDigest({ ...entry, createdAt: atMinute(30) })).toBe(digest);
    expect(
      entryDigest(
        JSON.parse(JSON.stringify({ postings: entry.postings, createdAt: entry.createdAt, kind: entry.kind, intentId: entry.intentId, id: entry.id })),
      ),
    ).toBe(digest);
    expect(entryDigest(SPEND('e1', 1_001))).not.toBe(digest);
    expect(entryDigest({ ...entry, postings: [posting(CLIENT, 1_000), posting(FLOAT, -1_000)] })).not.toBe(digest);
    expect(entryDigest({ ...entry, postings: [posting(CLIENT, -1_000), posting(FUNDING, 1_000)] })).not.toBe(digest);
    expect(entryDigest({ ...entry, intentId: 'intent-other' })).not.toBe(digest);
    expect(entryDigest({ ...entry, id: 'e9' })).not.toBe(digest);
  });
});

describe('chainStep and lineHash', () => {
  it('links the first line to the genesis hash and each next line to the hash of the line before', () => {
    const { client } = aLedger();
    const [first, second] = client.lines;

    expect(first.state.chain).toMatchObject({ seq: 1, prev: GENESIS, entry: entryDigest(OPENING) });
    expect(second.state.chain).toMatchObject({ seq: 2, prev: first.state.chain?.hash });
    expect(second.state.chain?.entry).toBeUndefined();
  });

  it('hashes every money-relevant field: changing any of them changes the hash', () => {
    const { client } = aLedger();
    const line = client.lines[2];
    const link = { seq: 3, prev: client.lines[1].state.chain?.hash ?? '', entry: line.state.chain?.entry };
    const hash = lineHash(line, link);
    const effect = line.state.effect.type === 'POSTED' ? line.state.effect : undefined;
    if (!effect) throw new Error('expected a posting line');

    expect(hash).toBe(line.state.chain?.hash);
    expect(lineHash({ ...line, state: { ...line.state, balance: line.state.balance + 1 } }, link)).not.toBe(hash);
    expect(lineHash({ ...line, state: { ...line.state, effect: { ...effect, movement: effect.movement - 1 } } }, link)).not.toBe(hash);
    expect(lineHash({ ...line, stream: FLOAT }, link)).not.toBe(hash);
    expect(lineHash({ ...line, op: 'post:other' }, link)).not.toBe(hash);
    expect(lineHash({ ...line, at: atMinute(58) }, link)).not.toBe(hash);
    expect(lineHash(line, { ...link, seq: 4 })).not.toBe(hash);
    expect(lineHash(line, { ...link, prev: GENESIS })).not.toBe(hash);
    expect(lineHash(line, { ...link, entry: entryDigest(SPEND('e1', 9)) })).not.toBe(hash);
  });

  it('replaces a link the decision carried over, and vouches for no entry on a refusal', () => {
    const client = new Stream(CLIENT).post(OPENING);
    const stale = { ...decidePosting(client.state, { entryId: 'big', movement: -60_000 }, GUARD) };
    if (!stale.write) throw new Error('expected a refusal line');
    stale.write.state.chain = { seq: 99, prev: GENESIS, hash: GENESIS };

    const chained = chainStep(CLIENT, client.lines[0], stale, atMinute(5), entryDigest(SPEND('big', 60_000)));

    expect(chained.write?.state.effect.type).toBe('REFUSED');
    expect(chained.write?.state.chain).toMatchObject({ seq: 2, prev: client.lines[0].state.chain?.hash });
    expect(chained.write?.state.chain?.entry).toBeUndefined();
  });
});

describe('auditJournal', () => {
  it('verifies an untouched ledger', () => {
    const { client, float, entries } = aLedger();

    expect(auditJournal(evidenceOf([client, float]), entries)).toEqual({
      streams: 2,
      lines: 8,
      entries: 4,
      legacy: { lines: 0, entries: 0 },
      broken: [],
      brokenCount: 0,
    });
  });

  it('detects an edited amount on a line, with the line and its entry', () => {
    const { client, float, entries } = aLedger();
    edit(float, 2, (line) => ({
      ...line,
      state: { ...line.state, balance: 30_000, effect: { type: 'POSTED', entryId: 'e2', movement: 29_000, freed: 0 } },
    }));

    // Once: the line's own hash and the entry's leg both point at it.
    expect(auditJournal(evidenceOf([client, float]), entries).broken).toEqual([{ problem: 'edited', stream: FLOAT, sequence: 2, entryId: 'e2' }]);
  });

  it('detects an edited amount in a journal entry, on every line that vouched for it', () => {
    const { client, float, entries } = aLedger();
    const edited = entries.map((entry) => (entry.id === 'e2' ? SPEND('e2', 20_000) : entry));

    expect(auditJournal(evidenceOf([client, float]), edited).broken).toEqual([
      { problem: 'edited', stream: CLIENT, sequence: 4, entryId: 'e2' },
      { problem: 'edited', stream: FLOAT, sequence: 2, entryId: 'e2' },
    ]);
  });

  it('catches a forger who recomputes the hash of the line edited: the next line links elsewhere', () => {
    const { client, float, entries } = aLedger();
    edit(client, 3, (line) => {
      const state = { ...line.state, balance: line.state.balance + 1_000 };
      const link = line.state.chain;
      if (!link) throw new Error('expected a chained line');
      return { ...line, state: { ...state, chain: { ...link, hash: lineHash({ ...line, state }, link) } } };
    });

    expect(auditJournal(evidenceOf([client, float]), entries).broken).toEqual([{ problem: 'edited', stream: CLIENT, sequence: 3, entryId: 'e1' }]);
  });

  it('detects a deleted journal entry, by its id', () => {
    const { client, float, entries } = aLedger();

    expect(
      auditJournal(
        evidenceOf([client, float]),
        entries.filter((entry) => entry.id !== 'e3'),
      ).broken,
    ).toEqual([
      { problem: 'missing', stream: CLIENT, sequence: 5, entryId: 'e3' },
      { problem: 'missing', stream: FLOAT, sequence: 3, entryId: 'e3' },
    ]);
  });

  it('detects a deleted line: the number skipped, and the entry left without its leg', () => {
    const { client, float, entries } = aLedger();
    float.lines.splice(1, 1);

    expect(auditJournal(evidenceOf([client, float]), entries).broken).toEqual([
      { problem: 'missing', stream: FLOAT, sequence: 2 },
      { problem: 'missing', stream: FLOAT, entryId: 'e2' },
    ]);
  });

  it("detects the last line cut off when the store's head says there was one", () => {
    const { client, float, entries } = aLedger();
    float.lines.pop();

    expect(auditJournal(evidenceOf([client, float], { [FLOAT]: 3 }), entries).broken).toEqual([
      { problem: 'missing', stream: FLOAT, sequence: 3 },
      { problem: 'missing', stream: FLOAT, entryId: 'e3' },
    ]);
  });

  it('detects reordered lines: each intact, found at the number of the other', () => {
    const { client, float, entries } = aLedger();
    const [third, fourth] = [client.lines[2], client.lines[3]];
    client.lines[2] = { ...fourth, seq: 3 };
    client.lines[3] = { ...third, seq: 4 };

    expect(auditJournal(evidenceOf([client, float]), entries).broken).toEqual([
      { problem: 'reordered', stream: CLIENT, sequence: 3, entryId: 'e2' },
      { problem: 'reordered', stream: CLIENT, sequence: 4, entryId: 'e1' },
    ]);
  });

  it('counts lines written before the chain as legacy, seals the last of them, and detects it edited afterwards', () => {
    const client = new Stream(CLIENT).post(OPENING, false);
    client.post(SPEND('e1', 1_000), false);
    client.post(SPEND('e2', 2_000));
    const entries = [OPENING, SPEND('e1', 1_000), SPEND('e2', 2_000)];

    expect(client.lines[2].state.chain?.prev).toBe(sealOf(client.lines[1]));
    // FLOAT taken as a house wallet here, so the client's stream alone carries every leg.
    const evidence: JournalEvidence = {
      wallets: [
        { id: FUNDING, kind: 'SYSTEM' },
        { id: CLIENT, kind: 'MAIN' },
        { id: FLOAT, kind: 'SYSTEM' },
      ],
      streams: [{ walletId: CLIENT, lines: client.lines }],
      housePostings: [
        { walletId: FUNDING, entryId: 'opening', amount: -50_000, currency: 'XOF', at: atMinute(0) },
        { walletId: FLOAT, entryId: 'e1', amount: 1_000, currency: 'XOF', at: atMinute(1) },
        { walletId: FLOAT, entryId: 'e2', amount: 2_000, currency: 'XOF', at: atMinute(2) },
      ],
    };
    const intact = auditJournal(evidence, entries);
    expect(intact).toMatchObject({ lines: 1, entries: 1, legacy: { lines: 2, entries: 2 }, broken: [] });

    edit(client, 2, (line) => ({ ...line, state: { ...line.state, balance: line.state.balance + 5 } }));
    expect(auditJournal(evidence, entries).broken).toEqual([{ problem: 'edited', stream: CLIENT, sequence: 2, entryId: 'e1' }]);
  });

  it('reports a line without a link after chained ones, and an entry that moves house wallets only', () => {
    const { client, float, entries } = aLedger();
    client.post(SPEND('e4', 10), false);
    const houseOnly = anEntry('house-only', [posting(FUNDING, -1), posting('sys-fees-XOF', 1)]);
    const evidence = evidenceOf([client, float]);
    evidence.wallets.push({ id: 'sys-fees-XOF', kind: 'SYSTEM' });
    evidence.housePostings.push(
      { walletId: FUNDING, entryId: 'house-only', amount: -1, currency: 'XOF', at: atMinute(9) },
      { walletId: 'sys-fees-XOF', entryId: 'house-only', amount: 1, currency: 'XOF', at: atMinute(9) },
    );

    expect(auditJournal(evidence, [...entries, houseOnly]).broken).toEqual([
      { problem: 'unchained', stream: CLIENT, sequence: 6, entryId: 'e4' },
      { problem: 'unchained', entryId: 'house-only' },
    ]);
  });
});

import { entryDigest, linkTo, verifiesAt, WalletLine } from './journal-chain';
import { JournalEntry, LedgerWalletKind, netByWallet } from './ledger';

/**
 * Verifies the hash chains of the wallet streams and what they vouch for: the journal
 * entries (by digest, and each customer leg against the line that applied it) and the legs on
 * house wallets (against the entries). Pure: the repository gathers the evidence.
 *
 * - `edited`: content differs from what was hashed (a line, an entry, a leg), or a line's
 *   successor links to another hash than the line's.
 * - `missing`: something the chain names is not there: a line number skipped or cut off the
 *   end, the entry a posting line applied, a leg an entry names.
 * - `reordered`: a line intact but found at another line number than the one it was hashed at.
 * - `unchained`: a line without a link after lines that have one (stripped, or written by an
 *   instance that predates the chain), or an entry no chained line vouches for.
 * Lines written before the chain existed (the unchained start of a stream) and entries only
 * they applied are counted as `legacy`: reported, not verified, not a break.
 */
export type ChainProblem = 'edited' | 'missing' | 'reordered' | 'unchained';

export interface ChainBreak {
  problem: ChainProblem;
  /** The wallet whose stream (or, for a house wallet, whose legs) shows it. */
  stream?: string;
  /** The line number in that stream. */
  sequence?: number;
  entryId?: string;
}

/** A leg on a house wallet: one record per (wallet, entry), no stream. */
export interface HouseLeg {
  walletId: string;
  entryId: string;
  amount: number;
  currency: string;
  at: string;
}

export interface WalletStreamEvidence {
  walletId: string;
  lines: WalletLine[];
  /** The line number the stream's head record points at, where the store keeps one apart. */
  headSeq?: number;
}

export interface JournalEvidence {
  wallets: Array<{ id: string; kind: LedgerWalletKind }>;
  streams: WalletStreamEvidence[];
  housePostings: HouseLeg[];
}

export interface JournalAudit {
  /** Wallet streams walked. */
  streams: number;
  /** Chained lines checked. */
  lines: number;
  /** Journal entries a verified chained line vouches for. */
  entries: number;
  /** Written before the chain: counted, not verified. */
  legacy: { lines: number; entries: number };
  /** The first MAX_REPORTED breaks, in the order found. */
  broken: ChainBreak[];
  brokenCount: number;
}

export const MAX_REPORTED = 100;

/** A posting line (applied or refused) as the audit of entries needs it. */
interface PostingLine {
  stream: string;
  seq: number;
  entryId: string;
  /** The movement it applied; undefined for a refusal. */
  movement?: number;
  /** The entry digest of a chained line whose own hash verified. */
  digest?: string;
  /** Written before the chain (the unchained start of its stream). */
  legacy: boolean;
}

class Breaks {
  readonly list: ChainBreak[] = [];
  readonly entries = new Set<string>();
  private readonly seen = new Set<string>();
  count = 0;

  add(found: ChainBreak): void {
    const key = [found.problem, found.stream, found.sequence, found.entryId].join('\u0000');
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.count += 1;
    if (found.entryId !== undefined) this.entries.add(found.entryId);
    if (this.list.length < MAX_REPORTED) this.list.push(found);
  }
}

const postingKey = (walletId: string, entryId: string) => `${walletId}\u0000${entryId}`;

function entryIdOf(line: WalletLine): string | undefined {
  const { effect } = line.state;
  return effect.type === 'POSTED' || effect.type === 'REFUSED' ? effect.entryId : undefined;
}

/** Walks one stream in line order; records its posting lines for the audit of entries. */
function auditStream(evidence: WalletStreamEvidence, breaks: Breaks, counts: { lines: number; legacyLines: number }, postings: Map<string, PostingLine>): void {
  const stream = evidence.walletId;
  const lines = [...evidence.lines].sort((a, b) => a.seq - b.seq);
  const hashes = new Set(lines.flatMap((line) => (line.state.chain ? [line.state.chain.hash] : [])));
  let previous: WalletLine | undefined;
  let previousIntact = true;
  let chained = false;
  for (const line of lines) {
    const link = line.state.chain;
    const entryId = entryIdOf(line);
    const at = { stream, sequence: line.seq, ...(entryId === undefined ? {} : { entryId }) };
    const expectedSeq = (previous?.seq ?? 0) + 1;
    let intact = true;
    if (line.seq !== expectedSeq) {
      breaks.add({ problem: 'missing', stream, sequence: expectedSeq });
      intact = false;
    }
    let digest: string | undefined;
    if (!link) {
      if (chained) {
        breaks.add({ problem: 'unchained', ...at });
        intact = false;
      } else counts.legacyLines += 1;
    } else {
      chained = true;
      counts.lines += 1;
      // Authentic: the content is what was hashed (at the line number it was hashed at).
      const authentic = verifiesAt(line, link, link.seq);
      if (!authentic) {
        breaks.add({ problem: 'edited', ...at });
        intact = false;
      } else if (link.seq !== line.seq) {
        breaks.add({ problem: 'reordered', ...at });
        intact = false;
      } else if (intact && previousIntact && link.prev !== linkTo(previous)) {
        // The line holds; what it links to does not: the line before it changed, or this one moved.
        if (hashes.has(link.prev)) breaks.add({ problem: 'reordered', ...at });
        else {
          const before = previous ? entryIdOf(previous) : undefined;
          breaks.add({ problem: 'edited', stream, sequence: previous?.seq ?? line.seq, ...(before === undefined ? {} : { entryId: before }) });
        }
        intact = false;
      }
      if (authentic) digest = link.entry;
    }
    if (entryId !== undefined) {
      const { effect } = line.state;
      postings.set(postingKey(stream, entryId), {
        stream,
        seq: line.seq,
        entryId,
        ...(effect.type === 'POSTED' ? { movement: effect.movement } : {}),
        ...(digest === undefined ? {} : { digest }),
        legacy: !link && !chained,
      });
    }
    previous = line;
    previousIntact = intact;
  }
  const last = previous?.seq ?? 0;
  if (evidence.headSeq !== undefined && evidence.headSeq > last) breaks.add({ problem: 'missing', stream, sequence: last + 1 });
}

/** Verifies every wallet chain, then the entries and house legs against what the chains vouch for. */
export function auditJournal(evidence: JournalEvidence, entries: JournalEntry[]): JournalAudit {
  const breaks = new Breaks();
  const counts = { lines: 0, legacyLines: 0 };
  const postings = new Map<string, PostingLine>();
  for (const stream of evidence.streams) auditStream(stream, breaks, counts, postings);

  const entryById = new Map(entries.map((entry) => [entry.id, entry]));
  const digests = new Map<string, string>();
  const digestOf = (entry: JournalEntry): string => {
    let digest = digests.get(entry.id);
    if (digest === undefined) digests.set(entry.id, (digest = entryDigest(entry)));
    return digest;
  };

  // What the chains vouch for: each posting line names the entry it applied, by digest.
  const vouched = new Set<string>();
  for (const line of postings.values()) {
    if (line.digest === undefined) continue;
    const at = { stream: line.stream, sequence: line.seq, entryId: line.entryId };
    const entry = entryById.get(line.entryId);
    if (!entry) breaks.add({ problem: 'missing', ...at });
    else if (digestOf(entry) !== line.digest) breaks.add({ problem: 'edited', ...at });
    else vouched.add(entry.id);
  }

  const kindOf = new Map(evidence.wallets.map((wallet) => [wallet.id, wallet.kind]));
  const houseLegs = new Map(evidence.housePostings.map((leg) => [postingKey(leg.walletId, leg.entryId), leg]));
  let legacyEntries = 0;
  for (const entry of entries) {
    let customerLegs = 0;
    let legacyLegs = 0;
    for (const [walletId, net] of netByWallet(entry)) {
      const kind = kindOf.get(walletId);
      // A leg of no amount moves nothing; a wallet that does not exist is reconciliation's to report.
      if (net.amount === 0 || kind === undefined) continue;
      if (kind === 'SYSTEM') {
        const leg = houseLegs.get(postingKey(walletId, entry.id));
        if (!leg) breaks.add({ problem: 'missing', stream: walletId, entryId: entry.id });
        else if (leg.amount !== net.amount || leg.currency !== net.currency) breaks.add({ problem: 'edited', stream: walletId, entryId: entry.id });
        continue;
      }
      customerLegs += 1;
      const line = postings.get(postingKey(walletId, entry.id));
      if (!line) breaks.add({ problem: 'missing', stream: walletId, entryId: entry.id });
      else if (line.movement !== net.amount) breaks.add({ problem: 'edited', stream: walletId, sequence: line.seq, entryId: entry.id });
      else if (line.legacy) legacyLegs += 1;
    }
    if (vouched.has(entry.id)) continue;
    if (customerLegs > 0 && legacyLegs === customerLegs) legacyEntries += 1;
    else if (!breaks.entries.has(entry.id)) breaks.add({ problem: 'unchained', entryId: entry.id });
  }

  for (const leg of evidence.housePostings) {
    const entry = entryById.get(leg.entryId);
    if (!entry) breaks.add({ problem: 'missing', stream: leg.walletId, entryId: leg.entryId });
    else if (!netByWallet(entry).has(leg.walletId)) breaks.add({ problem: 'edited', stream: leg.walletId, entryId: leg.entryId });
  }

  return {
    streams: evidence.streams.length,
    lines: counts.lines,
    entries: vouched.size,
    legacy: { lines: counts.legacyLines, entries: legacyEntries },
    broken: breaks.list,
    brokenCount: breaks.count,
  };
}

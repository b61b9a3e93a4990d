import { createHash } from 'node:crypto';
import { JournalEntry } from './ledger';
import type { WalletEffect, WalletHold, WalletState, WalletStep } from './wallet-stream';

/**
 * The tamper-evident journal: every line of a customer wallet's stream carries the SHA-256 of
 * its money-relevant content and of the line before it, so an edit, a removal or a move of a
 * line breaks the chain from there on. Chains are per wallet stream, not one for the whole
 * ledger: a wallet's lines are already written one at a time (unique line numbers), so the
 * predecessor a writer hashes is exactly the line its insert extends, and a writer that loses
 * the race hashes again on the line that won; a single chain would serialise every posting.
 *
 * A posting line also carries the digest of the journal entry it applied, so the journal
 * itself (and through it the legs on house wallets, which have no stream) is vouched for by
 * the chain of each customer wallet it moves.
 */

/** What the first line of a stream links to. */
export const GENESIS = '0'.repeat(64);

/** The chain fields of a line, inside its state. */
export interface ChainLink {
  /** The line number the hash covers: a line found at another number was moved. */
  seq: number;
  /** The hash of the line before (GENESIS for line 1; the seal of an unchained line). */
  prev: string;
  hash: string;
  /** A posting line: the digest of the journal entry it applied (see entryDigest). */
  entry?: string;
}

/** A wallet line as the chain sees it (a StreamLine of the wallet stream). */
export interface WalletLine {
  stream: string;
  seq: number;
  op?: string;
  /** When the line was written (ISO 8601). */
  at: string;
  state: WalletState;
}

type Scalar = string | number | null;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Absent and null read alike: a document store may hand back either. */
const field = (value: string | number | undefined | null): Scalar => value ?? null;

/** Each effect's fields in a fixed order, so the encoding never depends on key order. */
function effectFields(effect: WalletEffect): Scalar[] {
  switch (effect.type) {
    case 'HOLD_PLACED':
    case 'HOLD_RELEASED':
      return [effect.type, effect.holdId, effect.amount];
    case 'HOLD_VOIDED':
      return [effect.type, effect.holdId];
    case 'POSTED':
      return [effect.type, effect.entryId, effect.movement, field(effect.capturedHoldId), effect.freed];
    case 'REFUSED':
      return [effect.type, effect.entryId, effect.available, effect.required];
    default:
      // Not a type this code writes: encoded as it is, so it hashes to something else.
      return [JSON.stringify(effect)];
  }
}

const holdFields = (hold: WalletHold): Scalar[] => [hold.holdId, hold.amount, field(hold.intentId), hold.placedAt];

/** The money-relevant content of a line: wallet, line number, operation, time, movement, balance and holds after it. */
function contentOf(line: WalletLine, seq: number): unknown[] {
  const { state } = line;
  return [line.stream, seq, field(line.op), line.at, effectFields(state.effect), state.balance, state.holds.map(holdFields)];
}

/**
 * The digest of a journal entry: its id, kind, intent, captured hold and postings (wallet,
 * signed amount in minor units, currency, in the stored order). Not its createdAt: a retried
 * posting carries the time of its own attempt, while the entry stored is the first attempt's;
 * the time of each movement is covered by the lines' own `at`.
 */
export function entryDigest(entry: JournalEntry): string {
  const postings = entry.postings.map((posting) => [posting.walletId, posting.amount, posting.currency]);
  return sha256(JSON.stringify(['journal-entry/v1', entry.id, entry.kind, field(entry.intentId), field(entry.capturesHoldId), postings]));
}

/** The hash a chained line must carry, from its content and its link's fields. */
export function lineHash(line: WalletLine, link: Omit<ChainLink, 'hash'>): string {
  return sha256(JSON.stringify(['wallet-line/v1', ...contentOf(line, link.seq), field(link.entry), link.prev]));
}

/**
 * What a chained line links to when the line before it has no chain (written before the
 * chain existed, or by an older instance during an upgrade): a hash of that line's content,
 * so it cannot change unseen afterwards. Its op is left out: a head cache does not keep it.
 */
export function sealOf(line: WalletLine): string {
  const { state } = line;
  return sha256(
    JSON.stringify(['wallet-line-unchained/v1', line.stream, line.seq, line.at, effectFields(state.effect), state.balance, state.holds.map(holdFields)]),
  );
}

/** The hash the line after `previous` links to. */
export const linkTo = (previous: WalletLine | undefined): string => (previous === undefined ? GENESIS : (previous.state.chain?.hash ?? sealOf(previous)));

/** Whether a chained line's hash matches its content, taken as line number `seq`. */
export const verifiesAt = (line: WalletLine, link: ChainLink, seq: number): boolean =>
  lineHash(line, { seq, prev: link.prev, ...(link.entry === undefined ? {} : { entry: link.entry }) }) === link.hash;

/**
 * Chains a wallet decision onto the line it extends: the new line (number `current.seq + 1`,
 * written at `at`) gets the hash of its content and of `current`. Run on every attempt, so a
 * writer that lost a race links to the line that won.
 */
export function chainStep<R>(stream: string, current: WalletLine | undefined, step: WalletStep<R>, at: string, entry?: string): WalletStep<R> {
  if (!step.write) return step;
  const { op } = step.write;
  const { chain: _stale, ...content } = step.write.state;
  const seq = (current?.seq ?? 0) + 1;
  // Only a line that applied the entry vouches for it; a refusal moved nothing.
  const vouches = entry !== undefined && content.effect.type === 'POSTED';
  const link: Omit<ChainLink, 'hash'> = { seq, prev: linkTo(current), ...(vouches ? { entry } : {}) };
  const hash = lineHash({ stream, seq, op, at, state: content }, link);
  return { ...step, write: { op, state: { ...content, chain: { ...link, hash } } } };
}

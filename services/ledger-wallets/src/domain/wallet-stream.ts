import type { ChainLink } from './journal-chain';

/**
 * A customer wallet as an append-only stream: each line is one movement (a hold placed or
 * released, a posting applied or refused) together with the wallet's balance and holds
 * after it. The line's operation name (`hold:<id>`, `release:<id>`, `post:<entry id>`) is
 * unique in the wallet's stream, which is what makes each movement happen once; the
 * stream's unique line numbers are what serialise concurrent movements of one wallet. The
 * decisions here are pure: (the wallet after its latest line, the request) → the next line.
 */
export interface WalletHold {
  holdId: string;
  amount: number;
  /** The intent the hold is for, so a sweep can tell an orphan from a live one. */
  intentId?: string;
  placedAt: string;
}

export type WalletEffect =
  | { type: 'HOLD_PLACED'; holdId: string; amount: number }
  /** A release that came before the hold: the hold id is spent and can never be placed. */
  | { type: 'HOLD_VOIDED'; holdId: string }
  | { type: 'HOLD_RELEASED'; holdId: string; amount: number }
  | { type: 'POSTED'; entryId: string; movement: number; capturedHoldId?: string; freed: number }
  /** A debit the funds did not cover: recorded, so the entry stays refused for good. */
  | { type: 'REFUSED'; entryId: string; available: number; required: number };

export interface WalletState {
  balance: number;
  holds: WalletHold[];
  /** What the line that holds this state did. */
  effect: WalletEffect;
  /** The line's link in its wallet's hash chain (see journal-chain); absent on lines written before it. */
  chain?: ChainLink;
}

export const holdOp = (holdId: string) => `hold:${holdId}`;
export const releaseOp = (holdId: string) => `release:${holdId}`;
export const postOp = (entryId: string) => `post:${entryId}`;

const EMPTY = { balance: 0, holds: [] as WalletHold[] };

export const heldBy = (holds: readonly WalletHold[]): number => holds.reduce((sum, hold) => sum + hold.amount, 0);
export const availableIn = (state: Pick<WalletState, 'balance' | 'holds'>): number => state.balance - heldBy(state.holds);

export interface Guard {
  /** Only the house's funding wallet may go negative. */
  allowNegative: boolean;
}

export type WalletStep<R> = { write?: { state: WalletState; op: string }; result: R };

export type PlaceHoldResult = { kind: 'placed' } | { kind: 'insufficient'; available: number };

export function decidePlaceHold(current: WalletState | undefined, hold: WalletHold, guard: Guard): WalletStep<PlaceHoldResult> {
  const { balance, holds } = current ?? EMPTY;
  const free = availableIn({ balance, holds });
  if (!guard.allowNegative && free < hold.amount) return { result: { kind: 'insufficient', available: free } };
  return {
    write: {
      op: holdOp(hold.holdId),
      state: { balance, holds: [...holds, hold], effect: { type: 'HOLD_PLACED', holdId: hold.holdId, amount: hold.amount } },
    },
    result: { kind: 'placed' },
  };
}

/**
 * Releases a hold that is there; otherwise spends its id (a `hold:` line that places
 * nothing), so a placement arriving after its release can never take effect. When the hold
 * was placed and already released or captured, that `hold:` line exists and the store
 * answers `duplicate`: nothing to do.
 */
export function decideReleaseHold(current: WalletState | undefined, holdId: string): WalletStep<void> {
  const { balance, holds } = current ?? EMPTY;
  const hold = holds.find((candidate) => candidate.holdId === holdId);
  if (!hold) {
    return { write: { op: holdOp(holdId), state: { balance, holds, effect: { type: 'HOLD_VOIDED', holdId } } }, result: undefined };
  }
  return {
    write: {
      op: releaseOp(holdId),
      state: {
        balance,
        holds: holds.filter((candidate) => candidate !== hold),
        effect: { type: 'HOLD_RELEASED', holdId, amount: hold.amount },
      },
    },
    result: undefined,
  };
}

export type PostingResult = { kind: 'posted' } | { kind: 'refused'; available: number; required: number };

/**
 * Applies one entry's net movement to the wallet, capturing the hold the entry names (its
 * funds are then spent, not set aside). A debit that the available balance plus the
 * captured hold does not cover is refused, and the refusal is itself the line.
 */
export function decidePosting(
  current: WalletState | undefined,
  posting: { entryId: string; movement: number; capturesHoldId?: string },
  guard: Guard,
): WalletStep<PostingResult> {
  const { balance, holds } = current ?? EMPTY;
  const captured = posting.capturesHoldId === undefined ? undefined : holds.find((hold) => hold.holdId === posting.capturesHoldId);
  const freed = captured?.amount ?? 0;
  const remaining = captured ? holds.filter((hold) => hold !== captured) : holds;
  const after = { balance: balance + posting.movement, holds: remaining };
  if (!guard.allowNegative && posting.movement < 0 && availableIn(after) < 0) {
    const free = availableIn({ balance, holds }) + freed;
    return {
      write: {
        op: postOp(posting.entryId),
        state: { balance, holds, effect: { type: 'REFUSED', entryId: posting.entryId, available: free, required: -posting.movement } },
      },
      result: { kind: 'refused', available: free, required: -posting.movement },
    };
  }
  const effect: WalletEffect = { type: 'POSTED', entryId: posting.entryId, movement: posting.movement, freed };
  if (captured) effect.capturedHoldId = captured.holdId;
  return { write: { op: postOp(posting.entryId), state: { ...after, effect } }, result: { kind: 'posted' } };
}

/** What a recorded posting line decided, when the same entry comes again. */
export function recordedPosting(state: WalletState): PostingResult | undefined {
  if (state.effect.type === 'POSTED') return { kind: 'posted' };
  if (state.effect.type === 'REFUSED') return { kind: 'refused', available: state.effect.available, required: state.effect.required };
  return undefined;
}

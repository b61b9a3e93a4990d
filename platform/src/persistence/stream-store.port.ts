import { OutgoingMessage } from '../messaging/message-bus.port';
import { OutboxSource } from '../outbox/outbox-relay';

/**
 * One line of an aggregate's append-only stream: the aggregate's whole state after the
 * change, and the messages the change causes (its outbox), written by ONE insert.
 *
 * Why lines and not one document updated in place: the MongoDB-compatible server used here
 * (FerretDB 1.x) does not apply conditional updates atomically — concurrent `$inc`s lose
 * updates, a guarded debit matches every writer, a version-guarded update has several
 * winners — while an insert with a unique key has exactly one winner. So the only atomic
 * primitive this store relies on is "insert line `seq` of stream S": two writers that
 * decided from the same line both try to insert the next one, and one of them loses and
 * decides again on the line that won (optimistic concurrency by expected version, as event
 * stores do). A line may also name the operation it applied (`op`), unique within its
 * stream, so an operation redelivered or run twice at once is recorded once.
 */
export interface StreamLine<S> {
  stream: string;
  /** 1 for the first line, then +1 per line: the aggregate's version. */
  seq: number;
  state: S;
  /** The operation this line applied, unique within the stream; must not start with '@'. */
  op?: string;
  outbox: OutgoingMessage[];
  /** When it was written (ISO 8601). */
  at: string;
}

export type AppendOutcome<S> =
  | { kind: 'appended'; line: StreamLine<S> }
  /** Line `seq` exists already: `current` is it; decide again from there. */
  | { kind: 'conflict'; current: StreamLine<S> }
  /** The stream already recorded this `op`: `line` is the line that did. */
  | { kind: 'duplicate'; line: StreamLine<S> };

/**
 * The stream store port: append-only lines, unique (stream, seq) and (stream, op), a head
 * cache per stream, and the outbox of every line for the relay.
 */
export interface StreamStore<S> extends OutboxSource {
  /**
   * Where a writer starts, and what a reader that may lag a write behind reads: the line the
   * head cache points at. It may lag behind the true latest line (never run ahead of it);
   * `append` tells by answering `conflict`, and repairs it.
   */
  head(stream: string): Promise<StreamLine<S> | undefined>;
  /**
   * Where a writer starts, for adapters that remember the lines they last wrote or read: the
   * line from memory, else the head. It may lag behind lines written by other processes
   * (append answers `conflict` then), so `writeStream` checks it against the head before
   * returning a decision that writes nothing.
   */
  recent?(stream: string): Promise<StreamLine<S> | undefined>;
  /** The true latest line at the time of the read (the head, checked for successors). */
  latest(stream: string): Promise<StreamLine<S> | undefined>;
  line(stream: string, seq: number): Promise<StreamLine<S> | undefined>;
  append(line: StreamLine<S>): Promise<AppendOutcome<S>>;
  findOp(stream: string, op: string): Promise<StreamLine<S> | undefined>;
  /** Every line of the stream, in order (audits, reconciliation). */
  lines(stream: string): Promise<StreamLine<S>[]>;
}

/** A change to make, or nothing to write; `result` is what the caller gets back either way. */
export interface StreamStep<S, R> {
  write?: { state: S; op?: string; outbox?: OutgoingMessage[] };
  result: R;
}

export type StreamWrite<S, R> =
  | { kind: 'written'; line: StreamLine<S>; result: R }
  | { kind: 'unchanged'; current: StreamLine<S> | undefined; result: R }
  | { kind: 'duplicate'; line: StreamLine<S> };

export class StreamContentionError extends Error {
  constructor(stream: string, attempts: number) {
    super(`stream ${stream}: concurrent writers kept winning after ${attempts} attempts`);
    this.name = 'StreamContentionError';
  }
}

const MAX_ATTEMPTS = 60;

/**
 * Read, decide, append; on a lost race decide again on the line that won. `decide` must be
 * a pure function of the line it is given (it may run several times). Throwing
 * StreamContentionError after many losses hands the message back to the bus for a retry.
 */
export async function writeStream<S, R>(
  store: StreamStore<S>,
  stream: string,
  decide: (current: StreamLine<S> | undefined) => StreamStep<S, R> | Promise<StreamStep<S, R>>,
  now: () => Date = () => new Date(),
): Promise<StreamWrite<S, R>> {
  let fromMemory = store.recent !== undefined;
  let current = store.recent ? await store.recent(stream) : await store.head(stream);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const step = await decide(current);
    if (!step.write) {
      // A decision to write nothing is not checked by an append: make sure it was not taken on
      // a line from memory that another process has written past since.
      const fresh = fromMemory ? await store.head(stream) : undefined;
      fromMemory = false;
      if (fresh && fresh.seq > (current?.seq ?? 0)) {
        current = fresh;
        continue;
      }
      return { kind: 'unchanged', current, result: step.result };
    }
    const outcome = await store.append({
      stream,
      seq: (current?.seq ?? 0) + 1,
      state: step.write.state,
      op: step.write.op,
      outbox: step.write.outbox ?? [],
      at: now().toISOString(),
    });
    if (outcome.kind === 'appended') return { kind: 'written', line: outcome.line, result: step.result };
    if (outcome.kind === 'duplicate') return { kind: 'duplicate', line: outcome.line };
    current = outcome.current;
    // Past a few losses in a row, a short random pause lets the other writers through.
    if (attempt > 3) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));
  }
  throw new StreamContentionError(stream, MAX_ATTEMPTS);
}

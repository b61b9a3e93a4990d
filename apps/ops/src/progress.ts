/** Where progress goes: a line rewritten in place on a terminal, one line every few seconds otherwise. */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

/** `12 345 / 40 000 messages (31%), ETA 4s` from a count and the time spent on it. */
export function progressLine(label: string, done: number, total: number, elapsedMs: number): string {
  const share = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
  const eta = done > 0 && total > done ? Math.ceil(((elapsedMs / done) * (total - done)) / 1000) : undefined;
  return `${label}: ${done} / ${total} messages (${share}%)${eta === undefined ? '' : `, ETA ${eta}s`}`;
}

/**
 * A progress line on stderr, shown only once the work has taken more than `afterMs`, and
 * redrawn at most every `everyMs` (on a terminal) or `everyMs * 20` (in a log).
 */
export function progressOnStderr(label: string, sink: ProgressSink = process.stderr, afterMs = 1_000, everyMs = 250, now = () => Date.now()): Progress {
  const startedAt = now();
  let drawnAt = 0;
  let shown = false;
  return {
    update(done, total) {
      const at = now();
      if (at - startedAt < afterMs) return;
      if (shown && at - drawnAt < (sink.isTTY ? everyMs : everyMs * 20)) return;
      const line = progressLine(label, done, total, at - startedAt);
      sink.write(sink.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
      drawnAt = at;
      shown = true;
    },
    finish() {
      if (shown && sink.isTTY) sink.write('\n');
    },
  };
}

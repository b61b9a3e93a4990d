/** What one submitted item came to in its batch. */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Queued<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Natural batching: one batch on its way at a time; whatever is submitted meanwhile goes
 * together in the next one. No timer and no added delay: alone, an item goes at once; under
 * load, many share one round trip. `send` answers one outcome per item, in order, or throws
 * to fail the whole batch.
 */
export class Coalescer<T, R> {
  private readonly queue: Array<Queued<T, R>> = [];
  private sending = false;

  constructor(private readonly send: (items: T[]) => Promise<Array<ItemOutcome<R>>>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.sending) return;
      this.sending = true;
      void this.drain();
    });
  }

  /** Sends the queue until it is empty; `sending` drops in the same turn as the last check. */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.queue.length);
      try {
        const outcomes = await this.send(batch.map((queued) => queued.item));
        batch.forEach((queued, index) => {
          const outcome = outcomes[index];
          if (outcome?.ok) queued.resolve(outcome.value);
          else queued.reject(outcome ? outcome.error : new Error('no outcome for a batched item'));
        });
      } catch (error) {
        for (const queued of batch) queued.reject(error);
      }
    }
    this.sending = false;
  }
}

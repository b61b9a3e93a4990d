/** Enough for the handful of writers one document ever has at once. */
const MAX_WRITE_ATTEMPTS = 5;

export class WriteConflictError extends Error {
  constructor(what: string) {
    super(`${what}: concurrent writes kept winning after ${MAX_WRITE_ATTEMPTS} attempts`);
    this.name = 'WriteConflictError';
  }
}

/**
 * Runs a read-decide-write step until its optimistic write lands. Each attempt re-reads,
 * so the decision is always made on the state it replaces. Throwing after repeated losses
 * hands the message back to the bus, which retries it later.
 */
export async function retryOnWriteConflict(what: string, attempt: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < MAX_WRITE_ATTEMPTS; i += 1) {
    if (await attempt()) return;
  }
  throw new WriteConflictError(what);
}

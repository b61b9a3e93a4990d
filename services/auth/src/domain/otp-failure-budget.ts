/** How many wrong OTPs one party's intents (a client's, an agent's) may take together in a rolling window. */
export interface FailureBudget {
  limit: number;
  windowSeconds: number;
}

/** One wrong OTP of a client, by the check (step) that found it. */
export interface RecordedFailure {
  stepId: string;
  at: string;
}

const inWindow = (failure: RecordedFailure, now: Date, budget: FailureBudget) => now.getTime() - Date.parse(failure.at) < budget.windowSeconds * 1000;

/**
 * Whether the client's wrong OTPs in the window have spent the budget: then no OTP of theirs
 * is compared until enough of them age out, whatever the intent. Each intent's own attempts
 * stop one guesser per intent; this stops one who opens intent after intent for fresh tries.
 */
export function budgetSpent(failures: readonly RecordedFailure[] | undefined, now: Date, budget: FailureBudget): boolean {
  return (failures ?? []).filter((failure) => inWindow(failure, now, budget)).length >= budget.limit;
}

/**
 * The failures with one more (once per step: a redelivered check counts once), keeping only
 * those still in the window and at most `limit` of them, so the record stays small.
 */
export function withFailure(failures: readonly RecordedFailure[] | undefined, failure: RecordedFailure, now: Date, budget: FailureBudget): RecordedFailure[] {
  const kept = (failures ?? []).filter((earlier) => inWindow(earlier, now, budget) && earlier.stepId !== failure.stepId);
  return [...kept, failure].slice(-budget.limit);
}

/** When the budget has room again: the time until enough failures in the window age out of it (0 if it has room). */
export function secondsUntilRoom(failures: readonly RecordedFailure[] | undefined, now: Date, budget: FailureBudget): number {
  const inside = (failures ?? [])
    .filter((failure) => inWindow(failure, now, budget))
    .map((failure) => Date.parse(failure.at))
    .sort((a, b) => a - b);
  if (inside.length < budget.limit) return 0;
  const freeing = inside[inside.length - budget.limit];
  return Math.max(1, Math.ceil((freeing + budget.windowSeconds * 1000 - now.getTime()) / 1000));
}

import { counter, histogram } from '@cashout/platform';
import { IntentState } from './domain/intent';

const transitions = () =>
  counter('intent_transitions_total', 'Intents entering each saga phase (their status): the rate of cash-outs created, confirmed, failed, expired.', [
    'status',
  ]);

const stepSeconds = () =>
  histogram(
    'saga_step_duration_seconds',
    "Time an intent spent in a saga phase before its next one, by the phase left and the phase entered (the waits for a client's OTP and PIN included).",
    ['from', 'to'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
  );

/** Records a written decision of the saga: a new phase, and how long the previous one lasted. */
export function recordTransition(before: IntentState | undefined, after: IntentState): void {
  if (before?.phase === after.phase) return;
  transitions().inc({ status: after.phase });
  if (!before) return;
  const seconds = (Date.parse(after.updatedAt) - Date.parse(before.updatedAt)) / 1000;
  if (Number.isFinite(seconds) && seconds >= 0) stepSeconds().observe({ from: before.phase, to: after.phase }, seconds);
}

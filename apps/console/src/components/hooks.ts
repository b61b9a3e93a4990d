import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api/errors';

/** The current time, ticking every `everyMs` (for countdowns). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Calls `tick` now and every `everyMs` while the component is shown. */
export function useInterval(tick: () => void, everyMs: number, deps: readonly unknown[]): void {
  useEffect(() => {
    tick();
    const timer = window.setInterval(tick, everyMs);
    return () => window.clearInterval(timer);
  }, deps);
}

/** A form's request in flight, and the refusal it ended with in plain words. */
export interface Action {
  busy: boolean;
  error: string | undefined;
  setError(error: string | undefined): void;
  /** Runs `action` busy, with the last error cleared; a throw becomes the error (and `onError` runs). Never throws. */
  run(action: () => Promise<void>, onError?: () => void): Promise<void>;
}

/** The busy flag and error every form of the console keeps the same way. */
export function useAction(initialError?: string): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(initialError);
  const run = async (action: () => Promise<void>, onError?: () => void): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (cause) {
      onError?.();
      setError(describeError(cause));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

import { useEffect, useState } from 'preact/hooks';

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

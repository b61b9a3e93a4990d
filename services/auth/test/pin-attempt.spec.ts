import {
  PinCheckOutcome,
  LockPolicy,
  PinState,
  decideLogin,
  decidePinCheck,
  isLocked,
  isTokenForAgent,
  lockSecondsFor,
  pinAttemptsLeft,
  pinCheckNeedsComparison,
  recordedLogin,
  recordedPinCheck,
  unlockedPin,
} from '../src/domain/pin-attempt';
import { SecretComparison } from '../src/domain/recorded-checks';

const MAX = 3;
const POLICY: LockPolicy = { maxAttempts: MAX, lockSeconds: 15 * 60, maxLockSeconds: 24 * 60 * 60 };
const NOW = new Date('2026-11-27T10:00:00.000Z');
const minutesAfter = (minutes: number, from = NOW) => new Date(from.getTime() + minutes * 60_000);
const fresh = (): PinState => ({ failures: 0, locked: false, pinChecks: [], logins: [] });

function pinChecks(comparisons: SecretComparison[], start = fresh(), now = NOW): { state: PinState; outcomes: PinCheckOutcome[] } {
  let state = start;
  const outcomes = comparisons.map((comparison, index) => {
    const decision = decidePinCheck(state, { stepId: `step-${index}-${now.getTime()}`, now, tokenAccepted: true, comparison }, POLICY);
    state = decision.state;
    return decision.outcome;
  });
  return { state, outcomes };
}

describe('the token of a Mobile Pro PIN check', () => {
  it('is accepted when it is the same agent', () => {
    expect(isTokenForAgent({ sub: 'usr-agent-0001', role: 'AGENT' }, 'usr-agent-0001')).toBe(true);
  });

  it("is refused when it is another agent's", () => {
    expect(isTokenForAgent({ sub: 'usr-agent-0002', role: 'AGENT' }, 'usr-agent-0001')).toBe(false);
  });

  it('is refused when its role is not AGENT', () => {
    expect(isTokenForAgent({ sub: 'usr-agent-0001', role: 'ADMIN' }, 'usr-agent-0001')).toBe(false);
  });

  it('is refused when it did not verify', () => {
    expect(isTokenForAgent(undefined, 'usr-agent-0001')).toBe(false);
  });
});

describe('a PIN check', () => {
  it('verifies the right PIN', () => {
    const { outcomes } = pinChecks(['MATCH']);
    expect(outcomes).toEqual([{ verified: true }]);
  });

  it('counts a wrong PIN and says how many attempts are left', () => {
    const { outcomes, state } = pinChecks(['MISMATCH']);
    expect(outcomes).toEqual([{ verified: false, reason: 'INVALID', attemptsLeft: 2 }]);
    expect(state.failures).toBe(1);
  });

  it('locks the PIN on the third consecutive failure', () => {
    // given three wrong PINs in a row
    const { outcomes, state } = pinChecks(['MISMATCH', 'MISMATCH', 'MISMATCH']);
    // then the third locks
    expect(outcomes[2]).toEqual({ verified: false, reason: 'LOCKED', attemptsLeft: 0 });
    expect(state.locked).toBe(true);
    expect(pinAttemptsLeft(state, POLICY, NOW)).toBe(0);
  });

  it('refuses even the right PIN once locked', () => {
    const locked = pinChecks(['MISMATCH', 'MISMATCH', 'MISMATCH']).state;
    const { outcomes, state } = pinChecks(['MATCH'], locked);
    expect(outcomes).toEqual([{ verified: false, reason: 'LOCKED', attemptsLeft: 0 }]);
    expect(state.locked).toBe(true);
  });

  it('resets the failure count on success', () => {
    // given two failures then a success
    const { state } = pinChecks(['MISMATCH', 'MISMATCH', 'MATCH']);
    // when the PIN is wrong again
    const { outcomes } = pinChecks(['MISMATCH'], state);
    // then the count started over
    expect(state.failures).toBe(0);
    expect(outcomes).toEqual([{ verified: false, reason: 'INVALID', attemptsLeft: 2 }]);
  });

  it('refuses a bad token without counting a failure', () => {
    // given one earlier failure
    const { state: start } = pinChecks(['MISMATCH']);
    // when a check arrives with a refused token
    const { outcome, state } = decidePinCheck(start, { stepId: 'step-x', now: NOW, tokenAccepted: false, comparison: 'NOT_COMPARED' }, POLICY);
    // then
    expect(outcome).toEqual({ verified: false, reason: 'TOKEN_INVALID', attemptsLeft: 2 });
    expect(state.failures).toBe(1);
  });

  it('does not count a PIN that could not be unsealed', () => {
    const { outcomes, state } = pinChecks(['UNREADABLE']);
    expect(outcomes).toEqual([{ verified: false, reason: 'INVALID', attemptsLeft: 3 }]);
    expect(state.failures).toBe(0);
  });

  it('needs no hash comparison for a locked user or a refused token', () => {
    const locked = pinChecks(['MISMATCH', 'MISMATCH', 'MISMATCH']).state;
    expect(pinCheckNeedsComparison(locked, true, NOW)).toBe(false);
    expect(pinCheckNeedsComparison(fresh(), false, NOW)).toBe(false);
    expect(pinCheckNeedsComparison(fresh(), true, NOW)).toBe(true);
  });

  it('records the outcome under the step id', () => {
    const { state } = pinChecks(['MISMATCH']);
    expect(recordedPinCheck(state, `step-0-${NOW.getTime()}`)).toEqual({ verified: false, reason: 'INVALID', attemptsLeft: 2 });
    expect(recordedPinCheck(state, `step-1-${NOW.getTime()}`)).toBeUndefined();
  });
});

describe('a PIN lock', () => {
  const threeWrong: SecretComparison[] = ['MISMATCH', 'MISMATCH', 'MISMATCH'];

  it('lasts 15 minutes, then heals by itself: the right PIN works and the failures start again from 0', () => {
    // given a PIN locked at NOW
    const { state: locked } = pinChecks(threeWrong);
    expect(locked.lockedUntil).toBe(minutesAfter(15).toISOString());
    // when the right PIN comes one minute before the end, then at the end
    const early = pinChecks(['MATCH'], locked, minutesAfter(14));
    const later = pinChecks(['MATCH'], locked, minutesAfter(15));
    // then the first is refused, the second verified, and nothing of the lock is left
    expect(early.outcomes).toEqual([{ verified: false, reason: 'LOCKED', attemptsLeft: 0 }]);
    expect(later.outcomes).toEqual([{ verified: true }]);
    expect(later.state).toMatchObject({ failures: 0, locked: false });
    expect(later.state.lockedUntil).toBeUndefined();
    expect(later.state.lockouts).toBeUndefined();
  });

  it('gives the full attempts again once healed', () => {
    const { state: locked } = pinChecks(threeWrong);

    expect(pinAttemptsLeft(locked, POLICY, minutesAfter(10))).toBe(0);
    expect(pinAttemptsLeft(locked, POLICY, minutesAfter(15))).toBe(MAX);
    expect(pinCheckNeedsComparison(locked, true, minutesAfter(15))).toBe(true);
  });

  it('doubles with each lock in a row, up to the longest lock', () => {
    // given a lock, healed, then three wrong PINs again
    const first = pinChecks(threeWrong).state;
    const second = pinChecks(threeWrong, first, minutesAfter(15)).state;
    // then the second lock lasts 30 minutes from its start
    expect(second.lockouts).toBe(2);
    expect(second.lockedUntil).toBe(minutesAfter(45).toISOString());
    expect([1, 2, 3, 4, 7, 8, 40].map((lockouts) => lockSecondsFor(lockouts, POLICY) / 60)).toEqual([15, 30, 60, 120, 960, 1440, 1440]);
  });

  it('starts again from 15 minutes after a success', () => {
    const first = pinChecks(threeWrong).state;
    const afterSuccess = pinChecks(['MATCH'], first, minutesAfter(15)).state;
    const next = pinChecks(threeWrong, afterSuccess, minutesAfter(20)).state;

    expect(next.lockouts).toBe(1);
    expect(next.lockedUntil).toBe(minutesAfter(35).toISOString());
  });

  it('locks logins and PIN checks alike, and a healed lock lets a login through', () => {
    const { state: locked } = pinChecks(threeWrong);

    expect(decideLogin(locked, { requestId: 'm1', now: minutesAfter(1), comparison: 'MATCH' }, POLICY).outcome).toBe('PIN_LOCKED');
    expect(decideLogin(locked, { requestId: 'm2', now: minutesAfter(15), comparison: 'MATCH' }, POLICY).outcome).toBe('SUCCESS');
  });

  it('is lifted by staff at once, the locks in a row forgotten', () => {
    const { state: locked } = pinChecks(threeWrong);
    const unlocked = unlockedPin(locked);

    expect(isLocked(unlocked, NOW)).toBe(false);
    expect(unlocked).toMatchObject({ failures: 0, locked: false });
    expect(unlocked.lockouts).toBeUndefined();
    expect(pinChecks(['MATCH'], unlocked).outcomes).toEqual([{ verified: true }]);
  });

  it('written before locks healed (no end), counts as healed', () => {
    const legacy: PinState = { ...fresh(), failures: 3, locked: true };

    expect(isLocked(legacy, NOW)).toBe(false);
    expect(pinChecks(['MATCH'], legacy).outcomes).toEqual([{ verified: true }]);
  });
});

describe('a login attempt', () => {
  const login = (state: PinState, requestId: string, comparison: SecretComparison) => decideLogin(state, { requestId, now: NOW, comparison }, POLICY);

  it('succeeds with the right PIN and resets the count', () => {
    const { state: start } = pinChecks(['MISMATCH']);
    const { outcome, state } = login(start, 'm1', 'MATCH');
    expect(outcome).toBe('SUCCESS');
    expect(state.failures).toBe(0);
  });

  it('counts a wrong PIN as invalid credentials', () => {
    const { outcome, state } = login(fresh(), 'm1', 'MISMATCH');
    expect(outcome).toBe('INVALID_CREDENTIALS');
    expect(state.failures).toBe(1);
  });

  it('shares the failure count with PIN checks, so guessing through either locks both', () => {
    // given two wrong PIN checks
    const { state: start } = pinChecks(['MISMATCH', 'MISMATCH']);
    // when a login fails too
    const { outcome, state } = login(start, 'm1', 'MISMATCH');
    // then the PIN is locked
    expect(outcome).toBe('PIN_LOCKED');
    expect(state.locked).toBe(true);
  });

  it('is refused as locked once the PIN is locked, even with the right PIN', () => {
    const locked = pinChecks(['MISMATCH', 'MISMATCH', 'MISMATCH']).state;
    expect(login(locked, 'm1', 'MATCH').outcome).toBe('PIN_LOCKED');
  });

  it('records the outcome under the request id', () => {
    const { state } = login(fresh(), 'm1', 'MISMATCH');
    expect(recordedLogin(state, 'm1')).toBe('INVALID_CREDENTIALS');
    expect(recordedLogin(state, 'm2')).toBeUndefined();
  });
});

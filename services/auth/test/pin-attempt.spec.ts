import {
  PinCheckOutcome,
  PinState,
  decideLogin,
  decidePinCheck,
  isTokenForAgent,
  pinAttemptsLeft,
  pinCheckNeedsComparison,
  recordedLogin,
  recordedPinCheck,
} from '../src/domain/pin-attempt';
import { SecretComparison } from '../src/domain/recorded-checks';

const MAX = 3;
const fresh = (): PinState => ({ failures: 0, locked: false, pinChecks: [], logins: [] });

function pinChecks(comparisons: SecretComparison[], start = fresh()): { state: PinState; outcomes: PinCheckOutcome[] } {
  let state = start;
  const outcomes = comparisons.map((comparison, index) => {
    const decision = decidePinCheck(state, { stepId: `step-${index}`, tokenAccepted: true, comparison }, MAX);
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
    expect(pinAttemptsLeft(state, MAX)).toBe(0);
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
    const { outcome, state } = decidePinCheck(
      start,
      { stepId: 'step-x', tokenAccepted: false, comparison: 'NOT_COMPARED' },
      MAX,
    );
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
    expect(pinCheckNeedsComparison(locked, true)).toBe(false);
    expect(pinCheckNeedsComparison(fresh(), false)).toBe(false);
    expect(pinCheckNeedsComparison(fresh(), true)).toBe(true);
  });

  it('records the outcome under the step id', () => {
    const { state } = pinChecks(['MISMATCH']);
    expect(recordedPinCheck(state, 'step-0')).toEqual({ verified: false, reason: 'INVALID', attemptsLeft: 2 });
    expect(recordedPinCheck(state, 'step-1')).toBeUndefined();
  });
});

describe('a login attempt', () => {
  const login = (state: PinState, requestId: string, comparison: SecretComparison) =>
    decideLogin(state, { requestId, comparison }, MAX);

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

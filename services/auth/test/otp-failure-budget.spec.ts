import { budgetSpent, secondsUntilRoom, withFailure } from '../src/domain/otp-failure-budget';

const BUDGET = { limit: 3, windowSeconds: 3600 };
const NOW = new Date('2026-01-15T10:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

describe("a client's budget of wrong OTPs across intents", () => {
  it('is spent at the limit within the window, and heals as failures age out of it', () => {
    const failures = [
      { stepId: 'a', at: minutesAgo(50) },
      { stepId: 'b', at: minutesAgo(20) },
      { stepId: 'c', at: minutesAgo(1) },
    ];

    expect(budgetSpent(failures.slice(0, 2), NOW, BUDGET)).toBe(false);
    expect(budgetSpent(failures, NOW, BUDGET)).toBe(true);
    expect(budgetSpent(failures, new Date(NOW.getTime() + 11 * 60_000), BUDGET)).toBe(false);
    expect(budgetSpent(undefined, NOW, BUDGET)).toBe(false);
  });

  it('counts a step once, forgets failures out of the window, and keeps at most the limit', () => {
    const aged = [{ stepId: 'old', at: minutesAgo(61) }];
    const once = withFailure(aged, { stepId: 'x', at: NOW.toISOString() }, NOW, BUDGET);
    const twice = withFailure(once, { stepId: 'x', at: NOW.toISOString() }, NOW, BUDGET);
    const many = ['p', 'q', 'r', 's'].reduce((list, stepId) => withFailure(list, { stepId, at: NOW.toISOString() }, NOW, BUDGET), twice);

    expect(once.map((failure) => failure.stepId)).toEqual(['x']);
    expect(twice).toHaveLength(1);
    expect(many.map((failure) => failure.stepId)).toEqual(['q', 'r', 's']);
  });

  it('says when a spent budget has room again: when its oldest failure that matters ages out', () => {
    const failures = [
      { stepId: 'a', at: minutesAgo(50) },
      { stepId: 'b', at: minutesAgo(20) },
      { stepId: 'c', at: minutesAgo(1) },
      { stepId: 'd', at: minutesAgo(0) },
    ];
    expect(secondsUntilRoom(failures.slice(0, 2), NOW, BUDGET)).toBe(0);
    // Four failures against a limit of three: room once two of them are out, i.e. when 'b' ages out.
    expect(secondsUntilRoom(failures, NOW, BUDGET)).toBe(40 * 60);
    expect(secondsUntilRoom(failures.slice(0, 3), NOW, BUDGET)).toBe(10 * 60);
  });
});

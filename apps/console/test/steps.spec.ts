import { INTENT_STATUSES, isTerminal } from '../src/api/types';
import { canTake, laterView, type Step } from '../src/lib/steps';

describe('canTake', () => {
  it('enables each step only in the statuses the saga accepts it from', () => {
    const table: Record<string, Step[]> = {};
    for (const status of INTENT_STATUSES) {
      table[status] = (['send-otp', 'verify-otp', 'verify-pin', 'confirm', 'cancel'] as Step[]).filter((step) => canTake(status, step));
    }
    expect(table).toEqual({
      CREATED: ['send-otp', 'cancel'],
      OTP_SENT: ['send-otp', 'verify-otp', 'cancel'],
      OTP_VERIFIED: ['verify-pin', 'cancel'],
      PIN_VERIFIED: ['confirm'],
      PROCESSING: [],
      SUCCEEDED: [],
      FAILED: [],
      CANCELED: [],
      EXPIRED: [],
    });
  });

  it('knows the final statuses', () => {
    expect(INTENT_STATUSES.filter(isTerminal)).toEqual(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED']);
  });
});

describe('laterView', () => {
  const view = (history: number, updatedAt: string) => ({ history: new Array(history).fill(0), updatedAt });

  it('keeps the view with more history, then the later update', () => {
    const older = view(2, '2026-11-27T10:00:00Z');
    const newer = view(3, '2026-11-27T09:00:00Z');
    expect(laterView(undefined, older)).toBe(older);
    expect(laterView(older, newer)).toBe(newer);
    expect(laterView(newer, older)).toBe(newer);
    const touched = view(2, '2026-11-27T10:00:05Z');
    expect(laterView(older, touched)).toBe(touched);
    expect(laterView(touched, older)).toBe(touched);
  });
});

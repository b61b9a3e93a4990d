import { Decision, accept, invalidField } from './decision';

/** What the rules need to know of a stored QR token. */
export interface QrTokenState {
  userId: string;
  expiresAt: string;
  consumedByIntentId?: string;
}

export type QrConsumeOutcome = 'consumed' | 'already-consumed-by-same' | 'used-by-other' | 'not-found';

const invalidOrExpired = () => invalidField('clientQrToken', 'is invalid or expired');
const alreadyUsed = () => invalidField('clientQrToken', 'has already been used');

/**
 * Whether an intent may use a token. A redelivery for the intent that already consumed it
 * succeeds again, even after expiry, so the saga sees the same outcome every time.
 */
export function checkQrTokenUse<T extends QrTokenState>(
  token: T | undefined,
  intentId: string,
  now: Date,
): Decision<{ action: 'consume' | 'already-consumed-by-same'; token: T }> {
  if (!token) return invalidOrExpired();
  if (token.consumedByIntentId === intentId) return accept({ action: 'already-consumed-by-same', token });
  if (token.consumedByIntentId !== undefined) return alreadyUsed();
  if (Date.parse(token.expiresAt) <= now.getTime()) return invalidOrExpired();
  return accept({ action: 'consume', token });
}

/** Maps the atomic consumption's outcome: a concurrent intent may have won the race. */
export function qrConsumeResult(outcome: QrConsumeOutcome): Decision<void> {
  switch (outcome) {
    case 'consumed':
    case 'already-consumed-by-same':
      return accept(undefined);
    case 'used-by-other':
      return alreadyUsed();
    case 'not-found':
      return invalidOrExpired();
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

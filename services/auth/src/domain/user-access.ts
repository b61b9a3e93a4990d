import { PayloadOf, Role } from '@cashout/shared-contracts';
import { PinState, isLocked } from './pin-attempt';

export type AccessChange = PayloadOf<'UserAccessChanged'>['change'];

/**
 * What revokes a user's tokens: every token names the user's token version at issue (`tv`),
 * and the gateway refuses one older than the user's current. Absent = 0 (users written before
 * tokens were versioned, and their tokens, which carry none).
 */
export interface AccessState extends PinState {
  id: string;
  role: Role;
  phone: string;
  tokenVersion?: number;
}

export function tokenVersionOf(state: { tokenVersion?: number }): number {
  return state.tokenVersion ?? 0;
}

/** Whether an attempt began a lock (a lock that heals by itself changes nothing: its tokens went when it began). */
export function lockBegan(before: PinState, after: PinState, now: Date): boolean {
  return !isLocked(before, now) && isLocked(after, now);
}

/** The state with every token issued so far revoked. */
export function withTokensRevoked<S extends AccessState>(state: S): S {
  return { ...state, tokenVersion: tokenVersionOf(state) + 1 };
}

/** The event that tells the gateways (revocation) and the user (a notice) of the change. */
export function accessChanged(state: AccessState, change: AccessChange, now: Date): PayloadOf<'UserAccessChanged'> {
  return {
    userId: state.id,
    role: state.role,
    phone: state.phone,
    change,
    tokenVersion: tokenVersionOf(state),
    ...(change === 'LOCKED' && state.lockedUntil ? { lockedUntil: state.lockedUntil } : {}),
    changedAt: now.toISOString(),
  };
}

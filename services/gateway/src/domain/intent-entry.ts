import { IntentChannel, Role } from '@cashout/shared-contracts';

/**
 * Which entry point a caller uses to create an intent (docs/api.md "Entry points"):
 * agents come through Mobile Pro, admins and operators through CMMS, clients never.
 */
export type IntentEntry =
  | { kind: 'mobile-pro'; channel: Extract<IntentChannel, 'MOBILE_PRO'> }
  | { kind: 'cmms'; channel: Extract<IntentChannel, 'CMMS'> }
  | { kind: 'refused'; reason: string };

export function intentEntryFor(role: Role): IntentEntry {
  switch (role) {
    case 'AGENT':
      return { kind: 'mobile-pro', channel: 'MOBILE_PRO' };
    case 'ADMIN':
    case 'OPERATOR':
      return { kind: 'cmms', channel: 'CMMS' };
    case 'CLIENT':
      return { kind: 'refused', reason: 'a client cannot create a cash-out intent' };
    default: {
      const unreachable: never = role;
      return { kind: 'refused', reason: `unknown role ${String(unreachable)}` };
    }
  }
}

/** Only the agent may hold their own PIN token: CMMS verifies the PIN by user id instead. */
export function forwardsBearerTokenForPin(role: Role): boolean {
  return role === 'AGENT';
}

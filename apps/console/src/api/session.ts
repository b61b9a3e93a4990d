import type { LoginResponse, Role } from './types';

/** A signed-in user of one front door; kept in sessionStorage (this tab only), never localStorage. */
export interface Session {
  token: string;
  user: { id: string; role: Role; phone: string };
  expiresAt: number;
}

export type Door = 'cmms' | 'agent' | 'client';

const key = (door: Door): string => `cashout.console.session.${door}`;

export function saveSession(door: Door, login: LoginResponse, now = Date.now()): Session {
  const session: Session = { token: login.accessToken, user: login.user, expiresAt: now + login.expiresIn * 1000 };
  try {
    sessionStorage.setItem(key(door), JSON.stringify(session));
  } catch {
    // storage refused (private mode): the session lives in memory only
  }
  return session;
}

export function loadSession(door: Door, now = Date.now()): Session | undefined {
  try {
    const text = sessionStorage.getItem(key(door));
    if (!text) return undefined;
    const session = JSON.parse(text) as Session;
    return session.expiresAt > now ? session : undefined;
  } catch {
    return undefined;
  }
}

export function clearSession(door: Door): void {
  try {
    sessionStorage.removeItem(key(door));
  } catch {
    // nothing stored
  }
}

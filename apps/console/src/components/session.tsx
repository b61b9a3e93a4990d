import { useMemo, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { clearSession, loadSession, saveSession, type Door, type Session } from '../api/session';
import type { Role } from '../api/types';
import { Alert } from './feedback';
import { useAction } from './hooks';

export interface SessionState {
  session: Session | undefined;
  api: ApiClient;
  signIn(session: Session): void;
  signOut(reason?: string): void;
  /** Why the last session ended, when it ended by itself. */
  ended: string | undefined;
}

/** The session of one front door, and an API client bound to its token. */
export function useSession(door: Door): SessionState {
  const [session, setSession] = useState<Session | undefined>(() => loadSession(door));
  const [ended, setEnded] = useState<string | undefined>(undefined);
  const signOut = (reason?: string): void => {
    clearSession(door);
    setSession(undefined);
    setEnded(reason);
  };
  const api = useMemo(() => new ApiClient(session?.token, () => signOut('UNAUTHENTICATED: your session has ended; sign in again')), [session?.token]);
  return {
    session,
    api,
    ended,
    signIn: (next) => {
      setEnded(undefined);
      setSession(next);
    },
    signOut,
  };
}

interface SignInProps {
  door: Door;
  roles: readonly Role[];
  /** Who may sign in here, for the refusal: "an ADMIN or OPERATOR". */
  who: string;
  placeholderPhone: string;
  ended?: string;
  onSignedIn(session: Session): void;
}

/** Phone + PIN; a user of another role is told this door is not theirs and is not kept signed in. */
export function SignIn({ door, roles, who, placeholderPhone, ended, onSignedIn }: SignInProps) {
  const [phone, setPhone] = useState('');
  const [pin, setPin] = useState('');
  const { busy, error, setError, run } = useAction(ended);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    await run(async () => {
      const login = await ApiClient.login(phone.trim(), pin);
      if (!roles.includes(login.user.role)) {
        setError(`FORBIDDEN: ${login.user.role} accounts cannot use this page; sign in as ${who}`);
        return;
      }
      onSignedIn(saveSession(door, login));
    });
    setPin('');
  };
  return (
    <section class="card" aria-labelledby={`signin-${door}`}>
      <h2 id={`signin-${door}`}>Sign in</h2>
      <form onSubmit={submit} class="form">
        <label for={`phone-${door}`}>Phone</label>
        <input
          id={`phone-${door}`}
          name="phone"
          type="tel"
          autocomplete="username"
          placeholder={placeholderPhone}
          required
          value={phone}
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
        <label for={`pin-${door}`}>PIN</label>
        <input
          id={`pin-${door}`}
          name="pin"
          type="password"
          inputMode="numeric"
          autocomplete="current-password"
          required
          value={pin}
          onInput={(e) => setPin(e.currentTarget.value)}
        />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <Alert message={error} />
    </section>
  );
}

export function SignedInBar({ session, onSignOut }: { session: Session; onSignOut(): void }) {
  return (
    <div class="signed-in">
      <span>
        Signed in as <strong>{session.user.phone}</strong> ({session.user.role})
      </span>
      <button type="button" class="secondary" onClick={onSignOut}>
        Sign out
      </button>
    </div>
  );
}

import type { Session } from '../api/session';
import { SignedInBar, SignIn, useSession } from '../components/session';
import type { Route } from '../lib/router';
import { CmmsIntentPage } from './cmms-intent';
import { CmmsIntentsPage } from './cmms-intents';
import { CmmsNewPage } from './cmms-new';
import { CmmsOperationsPage } from './cmms-operations';

type CmmsRoute = Extract<Route, { page: 'cmms-new' | 'cmms-intents' | 'cmms-intent' | 'cmms-operations' }>;

const TITLES: Record<CmmsRoute['page'], string> = {
  'cmms-new': 'New cash-out',
  'cmms-intents': 'Intents',
  'cmms-intent': 'Cash-out intent',
  'cmms-operations': 'Operations',
};

/** The CMMS console: ADMIN and OPERATOR only; operations for ADMIN. */
export function CmmsPage({ route }: { route: CmmsRoute }) {
  const { session, api, signIn, signOut, ended } = useSession('cmms');
  if (!session) {
    return (
      <>
        <h1>CMMS console</h1>
        <p>For operators and administrators. Sign in with your phone number and PIN.</p>
        <SignIn door="cmms" roles={['ADMIN', 'OPERATOR']} who="an ADMIN or an OPERATOR" placeholderPhone="+2250700000002" ended={ended} onSignedIn={signIn} />
      </>
    );
  }
  return (
    <>
      <SignedInBar session={session} onSignOut={() => signOut()} />
      <CmmsNav session={session} current={route.page} />
      <h1>CMMS — {TITLES[route.page]}</h1>
      {route.page === 'cmms-new' && <CmmsNewPage api={api} />}
      {route.page === 'cmms-intents' && <CmmsIntentsPage api={api} />}
      {route.page === 'cmms-intent' && <CmmsIntentPage api={api} id={route.id} admin={session.user.role === 'ADMIN'} />}
      {route.page === 'cmms-operations' &&
        (session.user.role === 'ADMIN' ? (
          <CmmsOperationsPage api={api} />
        ) : (
          <p role="alert" class="alert">
            FORBIDDEN: operations are for an ADMIN.
          </p>
        ))}
    </>
  );
}

function CmmsNav({ session, current }: { session: Session; current: CmmsRoute['page'] }) {
  const link = (href: string, page: CmmsRoute['page'], text: string) => (
    <li>
      <a href={href} aria-current={current === page ? 'page' : undefined}>
        {text}
      </a>
    </li>
  );
  return (
    <nav aria-label="CMMS" class="subnav">
      <ul>
        {link('#/cmms', 'cmms-new', 'New cash-out')}
        {link('#/cmms/intents', 'cmms-intents', 'Intents')}
        {session.user.role === 'ADMIN' && link('#/cmms/operations', 'cmms-operations', 'Operations')}
      </ul>
    </nav>
  );
}

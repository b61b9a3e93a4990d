import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route } from './lib/router';
import { AgentPage } from './pages/agent';
import { ClientPage } from './pages/client';
import { CmmsPage } from './pages/cmms';
import { HomePage, NotFoundPage } from './pages/home';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = (): void => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

const SECTION: Record<Route['page'], 'home' | 'cmms' | 'agent' | 'client' | undefined> = {
  home: 'home',
  'cmms-new': 'cmms',
  'cmms-intents': 'cmms',
  'cmms-intent': 'cmms',
  'cmms-operations': 'cmms',
  agent: 'agent',
  client: 'client',
  'not-found': undefined,
};

const TITLES: Record<Route['page'], string> = {
  home: 'Cash-out',
  'cmms-new': 'New cash-out — CMMS',
  'cmms-intents': 'Intents — CMMS',
  'cmms-intent': 'Cash-out intent — CMMS',
  'cmms-operations': 'Operations — CMMS',
  agent: 'Mobile Pro — agent',
  client: 'Mobile Pro — client',
  'not-found': 'Page not found — Cash-out',
};

export function App() {
  const route = useRoute();
  const section = SECTION[route.page];
  useEffect(() => {
    window.scrollTo(0, 0);
    document.title = TITLES[route.page];
  }, [route.page]);
  const link = (href: string, name: typeof section, text: string) => (
    <li>
      <a href={href} aria-current={section === name ? 'page' : undefined}>
        {text}
      </a>
    </li>
  );
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="#/">
          Cash-out
        </a>
        <nav aria-label="Main">
          <ul>
            {link('#/cmms', 'cmms', 'CMMS')}
            {link('#/agent', 'agent', 'Agent')}
            {link('#/client', 'client', 'Client')}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'home' && <HomePage />}
        {(route.page === 'cmms-new' || route.page === 'cmms-intents' || route.page === 'cmms-intent' || route.page === 'cmms-operations') && (
          <CmmsPage route={route} />
        )}
        {route.page === 'agent' && <AgentPage />}
        {route.page === 'client' && <ClientPage />}
        {route.page === 'not-found' && <NotFoundPage path={route.path} />}
      </main>
    </>
  );
}

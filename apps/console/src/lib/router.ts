/** Hash routes, so a static server needs no fallback: #/, #/cmms, #/cmms/intents/<id>, #/agent, #/client. */
export type Route =
  | { page: 'home' }
  | { page: 'cmms-new' }
  | { page: 'cmms-intents' }
  | { page: 'cmms-intent'; id: string }
  | { page: 'cmms-operations' }
  | { page: 'agent' }
  | { page: 'client' }
  | { page: 'not-found'; path: string };

const INTENT_ID = /^[A-Za-z0-9_-]{1,100}$/;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/[?].*$/, '');
  const parts = path.split('/').filter((part) => part !== '');
  const [first, second, third, ...rest] = parts;
  if (parts.length === 0) return { page: 'home' };
  if (first === 'agent' && parts.length === 1) return { page: 'agent' };
  if (first === 'client' && parts.length === 1) return { page: 'client' };
  if (first === 'cmms') {
    if (second === undefined) return { page: 'cmms-new' };
    if (second === 'operations' && third === undefined) return { page: 'cmms-operations' };
    if (second === 'intents' && third === undefined) return { page: 'cmms-intents' };
    if (second === 'intents' && third !== undefined && rest.length === 0) {
      const id = safeDecode(third);
      if (id !== undefined && INTENT_ID.test(id)) return { page: 'cmms-intent', id };
    }
  }
  return { page: 'not-found', path };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'cmms-new':
      return '#/cmms';
    case 'cmms-intents':
      return '#/cmms/intents';
    case 'cmms-intent':
      return `#/cmms/intents/${encodeURIComponent(route.id)}`;
    case 'cmms-operations':
      return '#/cmms/operations';
    case 'agent':
      return '#/agent';
    case 'client':
      return '#/client';
    case 'not-found':
      return `#${route.path}`;
  }
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

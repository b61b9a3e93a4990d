import { parseRoute, routeHref, type Route } from '../src/lib/router';

describe('parseRoute', () => {
  it.each<[string, Route]>([
    ['', { page: 'home' }],
    ['#', { page: 'home' }],
    ['#/', { page: 'home' }],
    ['#/cmms', { page: 'cmms-new' }],
    ['#/cmms/', { page: 'cmms-new' }],
    ['#/cmms/intents', { page: 'cmms-intents' }],
    ['#/cmms/intents/abc-123_X', { page: 'cmms-intent', id: 'abc-123_X' }],
    ['#/cmms/operations', { page: 'cmms-operations' }],
    ['#/agent', { page: 'agent' }],
    ['#/client', { page: 'client' }],
    ['#/client?x=1', { page: 'client' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('answers not-found to anything else, ids with foreign characters included', () => {
    for (const hash of ['#/nope', '#/cmms/intents/a/b', '#/cmms/intents/%3Cscript%3E', '#/cmms/intents/%E0%A4%A', '#/agent/x']) {
      expect(parseRoute(hash).page).toBe('not-found');
    }
  });
});

describe('routeHref', () => {
  it('is the inverse of parseRoute', () => {
    const routes: Route[] = [
      { page: 'home' },
      { page: 'cmms-new' },
      { page: 'cmms-intents' },
      { page: 'cmms-intent', id: 'f3b1c2d4-0000-4000-8000-000000000001' },
      { page: 'cmms-operations' },
      { page: 'agent' },
      { page: 'client' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });
});

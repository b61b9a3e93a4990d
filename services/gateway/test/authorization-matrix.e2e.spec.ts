import request from 'supertest';
import { Role } from '@cashout/shared-contracts';
import { AUTHORIZATION_MATRIX, Access, Route } from './support/authorization-matrix';
import { Harness, USERS, createHarness } from './support/gateway-harness';

const ROLES: readonly Role[] = ['ADMIN', 'OPERATOR', 'AGENT', 'CLIENT'];
const INTENT_ID = '6f1c2f0e-8b1c-4b43-9d57-0a3f2b7d1c11';

let harness: Harness;

beforeAll(async () => {
  // The fake ledger's intents are never final: their event streams end at this limit.
  harness = await createHarness({ STREAM_MAX_SECONDS: '1' });
});

afterAll(async () => {
  await harness.close();
});

const concrete = (route: Route) =>
  route.path.replace('{id}', route.path.startsWith('/users') ? USERS.AGENT.userId : INTENT_ID).replace('{phone}', encodeURIComponent(USERS.AGENT.phone));

const allows = (access: Access, role: Role | undefined): boolean => access === 'public' || (role !== undefined && (access === 'any' || access.includes(role)));

async function call(route: Route, role: Role | undefined): Promise<number> {
  const http = request(harness.app.getHttpServer());
  const pending = route.method === 'get' ? http.get(concrete(route)) : http.post(concrete(route)).send({});
  if (role !== undefined) pending.set('Authorization', `Bearer ${harness.tokenFor(role)}`);
  return (await pending).status;
}

describe('the authorization matrix', () => {
  const cases = AUTHORIZATION_MATRIX.flatMap((route) => [undefined, ...ROLES].map((role) => ({ route, role })));

  it.each(cases.map(({ route, role }) => [`${route.method.toUpperCase()} ${route.path}`, role ?? 'no token', route, role] as const))(
    '%s as %s: let through exactly when the table says',
    async (_name, _who, route, role) => {
      const status = await call(route, role);
      if (allows(route.access, role)) expect([401, 403]).not.toContain(status);
      else expect(status).toBe(role === undefined ? 401 : 403);
    },
  );

  it('is the one the OpenAPI document publishes, route for route', async () => {
    const document = (await request(harness.app.getHttpServer()).get('/docs/openapi.json')).body as {
      paths: Record<string, Record<string, { 'x-roles': Access }>>;
    };
    const published = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ method, path, access: operation['x-roles'] })),
    );
    const sortRoles = (access: Access) => (Array.isArray(access) ? [...access].sort() : access);
    const normal = (routes: ReadonlyArray<{ method: string; path: string; access: Access }>) =>
      routes.map((route) => ({ ...route, access: sortRoles(route.access) })).sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));

    expect(normal(published)).toEqual(normal(AUTHORIZATION_MATRIX));
  });
});

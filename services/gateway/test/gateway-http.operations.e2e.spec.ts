import request from 'supertest';
import { GOOD_PIN, Harness, USERS, createHarness } from './support/gateway-harness';

const INTENT_ID = '6f1c2f0e-8b1c-4b43-9d57-0a3f2b7d1c11';

let harness: Harness;
const http = () => request(harness.app.getHttpServer());
const bearer = (role: Parameters<Harness['tokenFor']>[0]) => ({ Authorization: `Bearer ${harness.tokenFor(role)}` });

afterEach(async () => {
  await harness.close();
});

describe('environment-specific routes and operations', () => {
  it('answers health, readiness and Prometheus metrics without a token', async () => {
    harness = await createHarness();
    await http().get('/health').expect(200, { status: 'ok' });
    await http().get('/ready').expect(200);
    await http().get('/wallets/me').expect(401);
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toContain('http_requests_total{method="GET",route="/wallets/me",status="401"} 1');
    expect(metrics.text).toContain('http_request_duration_seconds_bucket');
  });

  it('puts the security headers and no-store on every answer, errors included', async () => {
    harness = await createHarness();
    for (const response of [await http().get('/wallets/me').set(bearer('CLIENT')), await http().get('/wallets/me'), await http().get('/nowhere')]) {
      expect(response.headers).toMatchObject({
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves metrics only to the holder of METRICS_TOKEN when one is set', async () => {
    harness = await createHarness({ METRICS_TOKEN: 'scraper-token-0123456789' });
    await http().get('/metrics').expect(401);
    await http().get('/metrics').set('Authorization', 'Bearer scraper-token-012345678x').expect(401);
    const metrics = await http().get('/metrics').set('Authorization', 'Bearer scraper-token-0123456789').expect(200);
    expect(metrics.text).toContain('http_requests_total');
  });

  it('does not serve metrics outside development and test without a METRICS_TOKEN', async () => {
    harness = await createHarness({ APP_ENV: 'staging', JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo' });
    const response = await http().get('/metrics').expect(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
    await http().get('/health').expect(200);
  });

  it('reports not ready once the bus stops', async () => {
    harness = await createHarness();
    await harness.bus.stop();
    await http().get('/ready').expect(503);
  });

  it('publishes an OpenAPI 3.1 document listing every path, and the Swagger UI', async () => {
    harness = await createHarness();
    const response = await http().get('/docs/openapi.json').expect(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths).sort()).toEqual(
      [
        '/auth/login',
        '/customers/me/qr-token',
        '/intents',
        '/intents/{id}',
        '/intents/{id}/events',
        '/intents/{id}/send-otp',
        '/intents/{id}/verify-otp',
        '/intents/{id}/verify-pin',
        '/intents/{id}/confirm',
        '/intents/{id}/cancel',
        '/wallets/me',
        '/wallets',
        '/ledger/reconciliation',
        '/reports/agents/{phone}/daily',
        '/users/{id}/unlock',
        '/sandbox/notifications',
        '/sandbox/notifications/mine',
        '/operations/dead-letters',
        '/health',
        '/ready',
        '/metrics',
        '/cmms',
        '/docs',
        '/docs/openapi.json',
      ].sort(),
    );
    expect(response.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(response.body.components.schemas.Error).toBeDefined();
    const page = await http().get('/docs').expect(200);
    // No inline script: the page runs under the pages' strict policy, its start-up script is an asset.
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    expect(page.text).not.toMatch(/<script>/);
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"><\/script>/g)].map((match) => match[1]);
    expect(scripts).toEqual(['/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui-standalone-preset.js', '/docs/assets/cashout-initializer.js']);
    for (const script of scripts) await http().get(script).expect(200);
    const initializer = await http().get('/docs/assets/cashout-initializer.js').expect(200);
    expect(initializer.headers['content-type']).toContain('javascript');
    expect(initializer.text).toContain("url: '/docs/openapi.json'");
  });

  it('sends the old console address to the web console', async () => {
    harness = await createHarness();
    const response = await http().get('/cmms').expect(302);
    expect(response.headers.location).toBe('/console/');
  });
});

describe('secrets stay out of logs', () => {
  it('never logs the PIN, the OTP or the token', async () => {
    const { Logger } = await import('@nestjs/common');
    const lines: string[] = [];
    const spies = (['log', 'error', 'warn', 'debug', 'verbose'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      }),
    );
    harness = await createHarness();
    const token = harness.tokenFor('AGENT');
    await http().post('/auth/login').send({ phone: USERS.AGENT.phone, pin: GOOD_PIN }).expect(200);
    await http().post(`/intents/${INTENT_ID}/verify-otp`).set('Authorization', `Bearer ${token}`).send({ otp: '654321' }).expect(200);
    await http().post(`/intents/${INTENT_ID}/verify-pin`).set('Authorization', `Bearer ${token}`).send({ pin: '730519' }).expect(200);
    spies.forEach((spy) => spy.mockRestore());

    const logged = lines.join('\n');
    expect(logged).toContain('/auth/login');
    for (const secret of [GOOD_PIN, '654321', '730519', token]) expect(logged).not.toContain(secret);
  });
});

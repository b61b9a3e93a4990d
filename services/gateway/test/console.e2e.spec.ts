import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { NotificationRecord, TOPICS } from '@cashout/shared-contracts';
import { Harness, USERS, createHarness } from './support/gateway-harness';

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const INDEX = '<!doctype html><html><head><script type="module" src="/console/assets/index-3f9a1c.js"></script></head><body></body></html>';

let harness: Harness;
let consoleDir: string;
const http = () => request(harness.app.getHttpServer());
const bearer = (role: Parameters<Harness['tokenFor']>[0]) => ({ Authorization: `Bearer ${harness.tokenFor(role)}` });

beforeAll(() => {
  // A stand-in for apps/console/dist: Vite's index.html and a hashed bundle.
  consoleDir = mkdtempSync(join(tmpdir(), 'console-dist-'));
  mkdirSync(join(consoleDir, 'assets'));
  writeFileSync(join(consoleDir, 'index.html'), INDEX);
  writeFileSync(join(consoleDir, 'assets', 'index-3f9a1c.js'), 'console.log("console");');
  writeFileSync(join(consoleDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
});

afterAll(() => {
  rmSync(consoleDir, { recursive: true, force: true });
});

afterEach(async () => {
  await harness.close();
});

describe('the web console (CONSOLE_DIR)', () => {
  it('is a 404 in the API error shape when CONSOLE_DIR is unset', async () => {
    harness = await createHarness();
    for (const path of ['/console', '/console/', '/console/assets/index-3f9a1c.js']) {
      const response = await http().get(path).expect(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
      expect(response.headers['content-security-policy']).toBe(API_CSP);
    }
  });

  it('serves index.html at /console and /console/ (and the paths the app routes), never cached, under the strict policy', async () => {
    harness = await createHarness({ CONSOLE_DIR: consoleDir });
    for (const path of ['/console', '/console/', '/console/intents/abc']) {
      const page = await http().get(path).expect(200);
      expect(page.text).toBe(INDEX);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(page.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('lets browsers keep the hashed assets; other files are not cached; a missing file is the API 404', async () => {
    harness = await createHarness({ CONSOLE_DIR: consoleDir });
    const asset = await http().get('/console/assets/index-3f9a1c.js').expect(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await http().get('/console/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-store');
    const missing = await http().get('/console/assets/gone-000000.js').expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    await http().get('/console/../package.json').expect(404);
  });

  it('keeps the API answers under the API policy when the console is served', async () => {
    harness = await createHarness({ CONSOLE_DIR: consoleDir });
    const health = await http().get('/health').expect(200);
    expect(health.headers['content-security-policy']).toBe(API_CSP);
    await http().get('/cmms').expect(302).expect('Location', '/console/');
  });
});

describe('GET /operations/dead-letters', () => {
  it('tells ADMIN how many messages wait on the dead-letter topic', async () => {
    harness = await createHarness();
    await http().get('/operations/dead-letters').set(bearer('ADMIN')).expect(200, { count: 0 });
    // A message no reader can accept: the gateway's access reader dead-letters it.
    await harness.bus.publish([{ topic: TOPICS.authAccess, key: 'u', envelope: { type: 'UserAccessChanged', payload: {} } as never }]);
    await harness.bus.idle();
    await http().get('/operations/dead-letters').set(bearer('ADMIN')).expect(200, { count: 1 });
    await http().get('/operations/dead-letters').set(bearer('OPERATOR')).expect(403);
    await http().get('/operations/dead-letters').expect(401);
  });
});

describe('GET /sandbox/notifications/mine', () => {
  const record = (id: string, to: string): NotificationRecord => ({
    id,
    to,
    customerPhone: USERS.CLIENT.phone,
    channel: 'WHATSAPP',
    kind: 'OTP',
    status: 'SENT',
    provider: 'sandbox',
    body: 'Your cash-out code is 123456.',
    otp: '123456',
    createdAt: '2026-01-15T10:00:00.000Z',
  });

  it("answers the client's own records, newest first, without the team copies, asking by the phone its token names", async () => {
    harness = await createHarness();
    harness.answers.ListSandboxNotifications = () => ({
      kind: 'notifications',
      records: [record('r3', USERS.CLIENT.phone), record('r2', 'team@example.com'), record('r1', USERS.CLIENT.phone)],
    });
    const response = await http().get('/sandbox/notifications/mine').query({ limit: '2' }).set(bearer('CLIENT')).expect(200);
    expect((response.body as NotificationRecord[]).map((entry) => entry.id)).toEqual(['r3', 'r1']);
    expect(harness.published('ListSandboxNotifications')[0].payload).toEqual({ phone: USERS.CLIENT.phone, limit: 6 });
  });

  it('is for clients alone, validates its query, and does not exist outside development and test', async () => {
    harness = await createHarness();
    await http().get('/sandbox/notifications/mine').set(bearer('ADMIN')).expect(403);
    await http().get('/sandbox/notifications/mine').set(bearer('AGENT')).expect(403);
    await http().get('/sandbox/notifications/mine').query({ limit: '0' }).set(bearer('CLIENT')).expect(400);
    await http().get('/sandbox/notifications/mine').query({ phone: USERS.AGENT.phone }).set(bearer('CLIENT')).expect(400);
    await harness.close();
    harness = await createHarness({ APP_ENV: 'staging', JWT_SECRET: 'tq3Vb8XkP1zR7mWc9LdN2sYf5HjG0aEo' });
    await http().get('/sandbox/notifications/mine').set(bearer('CLIENT')).expect(404);
  });
});

import request from 'supertest';
import { Harness, USERS, createHarness } from './support/gateway-harness';

let harness: Harness;
const http = () => request(harness.app.getHttpServer());
const bearer = (role: Parameters<Harness['tokenFor']>[0]) => ({ Authorization: `Bearer ${harness.tokenFor(role)}` });

afterEach(async () => {
  await harness.close();
});

describe('hostile input never yields a 5xx', () => {
  beforeEach(async () => {
    harness = await createHarness();
  });

  const post = (body: string, type = 'application/json') => http().post('/intents').set(bearer('AGENT')).set('Content-Type', type).send(body);

  it.each([
    ['an array', '[1,2,3]'],
    ['null', 'null'],
    ['a bare string', '"amount"'],
    ['a huge number', '{"amount": 1e400, "clientPhone": "+2250100000001"}'],
    ['a prototype-pollution key', '{"__proto__": {"admin": true}, "amount": 1000, "clientPhone": "+2250100000001"}'],
    ['a constructor key', '{"constructor": {"prototype": {"x": 1}}, "amount": 1000, "clientPhone": "+2250100000001"}'],
    ['deep nesting', `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`],
    ['deep arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['truncated JSON', '{"amount": 10'],
    ['a trailing comma', '{"amount": 10,}'],
    ['nulls for fields', '{"amount": null, "clientPhone": null}'],
  ])('answers 4xx to %s', async (_label, body) => {
    const response = await post(body);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.error.correlationId).toEqual(expect.any(String));
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('answers MALFORMED_JSON to broken JSON', async () => {
    const response = await post('{"amount": ').expect(400);
    expect(response.body.error.code).toBe('MALFORMED_JSON');
  });

  it('ignores a body on a GET, broken or not: the route answers as documented', async () => {
    const response = await http().get('/health').set('Content-Type', 'application/json').send('{"broken": ');
    expect(response.status).toBe(200);
  });

  it('answers 4xx to invalid UTF-8', async () => {
    const response = await http()
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send(Buffer.from([0x7b, 0x22, 0x70, 0x68, 0x6f, 0x6e, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    expect(response.status).toBe(400);
  });

  it('answers 400 naming "body" to a body over 16 kB', async () => {
    const body = JSON.stringify({ amount: 1000, clientPhone: USERS.CLIENT.phone, pad: 'x'.repeat(17 * 1024) });
    const response = await post(body).expect(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body' }] });
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await post('amount=1000', 'application/x-www-form-urlencoded').expect(400);
    expect(response.body.error.details[0].field).toBe('content-type');
  });

  it('answers 400 to an unsupported charset', async () => {
    const response = await post('{"amount":1}', 'application/json; charset=latin-9').expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 400 to a hostile path id', async () => {
    const response = await http()
      .get(`/intents/${encodeURIComponent('../../etc/passwd')}`)
      .set(bearer('ADMIN'));
    expect([400, 404]).toContain(response.status);
  });

  it('answers unknown routes with 404 NOT_FOUND in the error shape', async () => {
    const response = await http().get('/nope').expect(404);
    expect(response.body.error).toMatchObject({ code: 'NOT_FOUND', correlationId: expect.any(String) });
  });

  it('answers 400 to repeated query parameters', async () => {
    await http().get('/intents?limit=1&limit=2').set(bearer('ADMIN')).expect(400);
  });
});

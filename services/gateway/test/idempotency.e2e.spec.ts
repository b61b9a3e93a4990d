import { createHash } from 'node:crypto';
import request from 'supertest';
import { IDEMPOTENCY_STORE, IdempotencyStore } from '../src';
import { IDEMPOTENCY_TTL_MS, canonicalJson } from '../src/domain/idempotency';
import { Harness, USERS, createHarness, sampleIntent } from './support/gateway-harness';

const INTENT_ID = '6f1c2f0e-8b1c-4b43-9d57-0a3f2b7d1c11';
/** Above the harness's reply timeout (400 ms) plus its confirm wait (150 ms), as the config demands. */
const LEASE_MS = 700;

let harness: Harness;
const http = () => request(harness.app.getHttpServer());
const bearer = (role: Parameters<Harness['tokenFor']>[0]) => ({ Authorization: `Bearer ${harness.tokenFor(role)}` });

afterEach(async () => {
  await harness.close();
});

describe('idempotency', () => {
  beforeEach(async () => {
    harness = await createHarness();
  });

  const create = (key: string, amount = 10000) =>
    http().post('/intents').set(bearer('AGENT')).set('Idempotency-Key', key).send({ amount, clientPhone: USERS.CLIENT.phone });

  it('answers the same key and body with the first response, publishing the command once', async () => {
    const first = await create('key-1').expect(201);
    const second = await create('key-1').expect(201);

    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(harness.published('CreateCashOutIntent')).toHaveLength(1);
  });

  it('waits for a first request still in flight instead of running twice', async () => {
    const answer = harness.answers.CreateCashOutIntent!;
    harness.answers.CreateCashOutIntent = async (message) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return answer(message);
    };
    const [first, second] = await Promise.all([create('key-2'), create('key-2')]);

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(harness.published('CreateCashOutIntent')).toHaveLength(1);
  });

  it('refuses the same key with a different body with 409 IDEMPOTENCY_KEY_REUSED', async () => {
    await create('key-3', 10000).expect(201);
    const response = await create('key-3', 20000).expect(409);
    expect(response.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(harness.published('CreateCashOutIntent')).toHaveLength(1);
  });

  it('keeps keys apart per caller', async () => {
    await create('shared-key').expect(201);
    await http()
      .post('/intents')
      .set(bearer('OPERATOR'))
      .set('Idempotency-Key', 'shared-key')
      .send({ agentPhone: USERS.AGENT.phone, clientPhone: USERS.CLIENT.phone, amount: 10000 })
      .expect(201);
    expect(harness.published('CreateCashOutIntent')).toHaveLength(2);
  });

  it('replays a refusal too, without publishing again', async () => {
    harness.answers.ConfirmIntent = () => ({ kind: 'error', error: { code: 'INSUFFICIENT_FUNDS', message: 'not enough' } });
    const confirm = () => http().post(`/intents/${INTENT_ID}/confirm`).set(bearer('AGENT')).set('Idempotency-Key', 'c-1');
    await confirm().expect(422);
    const again = await confirm().expect(422);
    expect(again.body.error.code).toBe('INSUFFICIENT_FUNDS');
    expect(harness.published('ConfirmIntent')).toHaveLength(1);
  });

  it('lets a retry after a timeout run again with the same intent id', async () => {
    harness.answers.CreateCashOutIntent = () => undefined;
    await create('key-4').expect(504);
    harness.answers.CreateCashOutIntent = (message) => ({ kind: 'intent', intent: sampleIntent({ id: (message.payload as { intentId: string }).intentId }) });
    await create('key-4').expect(201);
    const [firstTry, retry] = harness.published('CreateCashOutIntent');
    expect(retry.aggregateId).toBe(firstTry.aggregateId);
  });

  it('rejects an invalid Idempotency-Key header', async () => {
    const response = await create('x'.repeat(300)).expect(400);
    expect(response.body.error.details[0].field).toBe('Idempotency-Key');
  });
});

describe('idempotency leases: a gateway that died mid-request', () => {
  const body = { amount: 10000, clientPhone: USERS.CLIENT.phone };
  const create = (key: string) => http().post('/intents').set(bearer('AGENT')).set('Idempotency-Key', key).send(body);

  /** What a gateway killed after claiming the key leaves behind: an IN_FLIGHT record nobody completes. */
  async function abandonedClaim(key: string): Promise<void> {
    const store = harness.app.get<IdempotencyStore>(IDEMPOTENCY_STORE);
    const fingerprint = createHash('sha256').update(canonicalJson(body)).digest('hex');
    const claim = await store.claim(`${USERS.AGENT.userId} POST /intents ${key}`, fingerprint, 'dead-gateway', {
      leaseMs: LEASE_MS,
      ttlMs: IDEMPOTENCY_TTL_MS,
    });
    expect(claim.claimed).toBe(true);
  }

  beforeEach(async () => {
    harness = await createHarness({ IDEMPOTENCY_LEASE_MS: String(LEASE_MS) });
  });

  it('lets a retry wait out the lease, then take the record over and run the operation', async () => {
    await abandonedClaim('crash-1');
    const started = Date.now();

    const retry = await create('crash-1').expect(201);

    expect(Date.now() - started).toBeGreaterThanOrEqual(LEASE_MS - 50);
    expect(harness.published('CreateCashOutIntent')).toHaveLength(1);
    const again = await create('crash-1').expect(201);
    expect(again.body).toEqual(retry.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(harness.published('CreateCashOutIntent')).toHaveLength(1);
  });

  it('still refuses another body with the key of an abandoned request', async () => {
    await abandonedClaim('crash-2');
    const response = await http()
      .post('/intents')
      .set(bearer('AGENT'))
      .set('Idempotency-Key', 'crash-2')
      .send({ ...body, amount: 20000 })
      .expect(409);
    expect(response.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(harness.published('CreateCashOutIntent')).toHaveLength(0);
  });
});

describe('idempotency lease configuration', () => {
  it('defaults to the longest request (reply timeout + confirm wait) plus a margin', async () => {
    harness = await createHarness();
    expect(harness.config.idempotencyLeaseMs).toBe(400 + 150 + 5000);
  });
});

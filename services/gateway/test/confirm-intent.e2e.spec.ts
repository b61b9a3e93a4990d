import request from 'supertest';
import { IntentView, ReplyBody } from '@cashout/shared-contracts';
import { Harness, createHarness, sampleIntent } from './support/gateway-harness';

/** The harness waits 150 ms for the confirm's answer (CONFIRM_WAIT_MS) and 400 ms for any reply. */
const CONFIRM_WAIT_MS = 150;
const REPLY_TIMEOUT_MS = 400;
const INTENT_ID = '6f1c2f0e-8b1c-4b43-9d57-0a3f2b7d1c11';

let harness: Harness;
const http = () => request(harness.app.getHttpServer());
const bearer = (role: Parameters<Harness['tokenFor']>[0]) => ({ Authorization: `Bearer ${harness.tokenFor(role)}` });
const confirm = () => http().post(`/intents/${INTENT_ID}/confirm`).set(bearer('AGENT'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const intent = (status: IntentView['status']): ReplyBody => ({ kind: 'intent', intent: sampleIntent({ status }) });
/** An answer that comes after `ms`. */
const after = (ms: number, body: ReplyBody | undefined) => async () => {
  await sleep(ms);
  return body;
};

beforeEach(async () => {
  harness = await createHarness();
});

afterEach(async () => {
  await harness.close();
});

describe('confirm: the answer comes within the confirm wait', () => {
  it('answers 200 when the replied intent SUCCEEDED', async () => {
    const response = await confirm().expect(200);
    expect(response.body.status).toBe('SUCCEEDED');
    expect(harness.published('GetIntent')).toHaveLength(0);
  });

  it('answers 202 when the replied intent is PROCESSING', async () => {
    harness.answers.ConfirmIntent = () => intent('PROCESSING');
    const response = await http().post(`/intents/${INTENT_ID}/confirm`).set(bearer('ADMIN')).expect(202);
    expect(response.body.status).toBe('PROCESSING');
  });

  it('answers the refusal of the confirm itself', async () => {
    harness.answers.ConfirmIntent = () => ({ kind: 'error', error: { code: 'INSUFFICIENT_FUNDS', message: 'not enough' } });
    const response = await confirm().expect(422);
    expect(response.body.error.code).toBe('INSUFFICIENT_FUNDS');
  });
});

describe('confirm: no answer within the confirm wait, so the gateway reads the intent', () => {
  it('answers 202 with the intent when it reads PROCESSING (accepted, money in flight)', async () => {
    harness.answers.ConfirmIntent = () => undefined;
    harness.answers.GetIntent = () => intent('PROCESSING');
    const response = await confirm().expect(202);
    expect(response.body.status).toBe('PROCESSING');
    expect(harness.published('GetIntent')).toHaveLength(1);
  });

  it.each(['SUCCEEDED', 'FAILED', 'CANCELED', 'EXPIRED'] as const)('answers 200 with the intent when it reads %s (final)', async (status) => {
    harness.answers.ConfirmIntent = () => undefined;
    harness.answers.GetIntent = () => intent(status);
    const response = await confirm().expect(200);
    expect(response.body.status).toBe(status);
  });

  it('never answers 202 for PIN_VERIFIED: it keeps waiting and answers the confirm refusal that follows', async () => {
    harness.answers.ConfirmIntent = after(CONFIRM_WAIT_MS + 100, {
      kind: 'error',
      error: { code: 'RISK_DENIED', message: 'no', details: { reasons: ['DAILY_LIMIT'] } },
    });
    harness.answers.GetIntent = () => intent('PIN_VERIFIED');
    const response = await confirm().expect(422);
    expect(response.body.error).toMatchObject({ code: 'RISK_DENIED', details: { reasons: ['DAILY_LIMIT'] } });
    expect(harness.published('GetIntent')).toHaveLength(1);
  });

  it('keeps waiting after reading PIN_VERIFIED and answers the success that follows', async () => {
    harness.answers.ConfirmIntent = after(CONFIRM_WAIT_MS + 100, intent('SUCCEEDED'));
    harness.answers.GetIntent = () => intent('PIN_VERIFIED');
    const response = await confirm().expect(200);
    expect(response.body.status).toBe('SUCCEEDED');
  });

  it('answers 504 TIMEOUT when the intent still reads PIN_VERIFIED and the confirm never answers', async () => {
    harness.answers.ConfirmIntent = () => undefined;
    harness.answers.GetIntent = () => intent('PIN_VERIFIED');
    const started = Date.now();
    const response = await confirm().expect(504);
    expect(response.body.error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeGreaterThanOrEqual(REPLY_TIMEOUT_MS - 20);
  });

  it('takes the confirm answer that arrives while the intent is being read', async () => {
    harness.answers.ConfirmIntent = after(CONFIRM_WAIT_MS + 50, { kind: 'error', error: { code: 'INSUFFICIENT_FUNDS', message: 'not enough' } });
    harness.answers.GetIntent = after(150, intent('PIN_VERIFIED'));
    const response = await confirm().expect(422);
    expect(response.body.error.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('answers the read failure when the intent cannot be read', async () => {
    harness.answers.ConfirmIntent = () => undefined;
    harness.answers.GetIntent = () => ({ kind: 'error', error: { code: 'FORBIDDEN', message: 'not your intent' } });
    await confirm().expect(403);
  });

  it('lets a retry with the same Idempotency-Key run the confirm again after a TIMEOUT', async () => {
    harness.answers.ConfirmIntent = () => undefined;
    harness.answers.GetIntent = () => intent('PIN_VERIFIED');
    const keyed = () => confirm().set('Idempotency-Key', 'confirm-timeout');
    await keyed().expect(504);
    harness.answers.ConfirmIntent = () => intent('SUCCEEDED');
    const retry = await keyed().expect(200);
    expect(retry.body.status).toBe('SUCCEEDED');
    expect(harness.published('ConfirmIntent')).toHaveLength(2);
  });
});

import { compare } from 'bcryptjs';
import { HASHER, Hasher } from '../src/hasher.port';
import { TOPICS } from '@cashout/shared-contracts';
import { OTP_REPOSITORY, OtpRepository } from '../src/otp.repository.port';
import { AuthHarness, bootAuth, command, deliver, outcomesOf, published } from './auth.harness';

const CLIENT_PHONE = '+2250100000001';

describe('auth OTPs over the bus', () => {
  let h: AuthHarness;

  beforeEach(async () => {
    h = await bootAuth();
  });

  afterEach(async () => {
    await h.app.close();
  });

  const issueCommand = (intentId: string, otpId: string, clientUserId = 'usr-client-0001') =>
    command(h, 'IssueOtp', { intentId, otpId, clientUserId, clientPhone: CLIENT_PHONE, preferredChannel: 'WHATSAPP' }, intentId);

  /** Issues an OTP and returns the code notifications would deliver. */
  async function issue(intentId: string, otpId: string, clientUserId?: string): Promise<string> {
    await deliver(h, issueCommand(intentId, otpId, clientUserId));
    const delivery = published(h, TOPICS.notificationCommands, 'DeliverOtp').find((m) => m.payload.otpId === otpId);
    const code = delivery && h.sealedBox.open(delivery.payload.sealedOtp);
    if (!code) throw new Error(`no DeliverOtp for ${otpId}`);
    return code;
  }

  async function verify(intentId: string, stepId: string, otpId: string, code: string, agentUserId?: string) {
    const payload = { intentId, stepId, otpId, sealedOtp: h.sealedBox.seal(code), ...(agentUserId ? { agentUserId } : {}) };
    await deliver(h, command(h, 'VerifyOtp', payload, intentId));
    return outcomesOf(h, stepId).map((message) => ({ type: message.type, ...(message.payload as object) }));
  }

  const wrong = (code: string) => (code === '000000' ? '000001' : '000000');

  it('issues a six-digit code, stores only its hash, and sends it sealed to notifications', async () => {
    // when the saga asks for an OTP
    const request = issueCommand('intent-a', 'otp-a1');
    await deliver(h, request);

    // then notifications is asked to deliver it, keyed and correlated by the intent
    const [delivery] = published(h, TOPICS.notificationCommands, 'DeliverOtp');
    expect(delivery.correlationId).toBe(request.envelope.correlationId);
    expect(delivery.causationId).toBe(request.envelope.messageId);
    expect(delivery.aggregateId).toBe('intent-a');
    expect(delivery.payload).toMatchObject({
      intentId: 'intent-a',
      otpId: 'otp-a1',
      customerPhone: CLIENT_PHONE,
      preferredChannel: 'WHATSAPP',
      expiresAt: '2026-01-15T10:05:00.000Z',
    });
    const code = h.sealedBox.open(delivery.payload.sealedOtp) as string;
    expect(code).toMatch(/^\d{6}$/);

    // and the stored document holds the hash of that code, never the code itself
    const stored = await h.app.get<OtpRepository>(OTP_REPOSITORY).findByIntentId('intent-a');
    expect(stored).toBeDefined();
    const otpHash = stored?.otpHash ?? '';
    // Peppered: the hash verifies through the service's hasher only, not with bcrypt alone.
    expect(otpHash.startsWith('pep1:')).toBe(true);
    expect(await h.app.get<Hasher>(HASHER).matches(code, otpHash)).toBe(true);
    expect(await compare(code, otpHash.slice('pep1:'.length))).toBe(false);
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(JSON.stringify(stored)).not.toContain(delivery.payload.sealedOtp);
  });

  it('issues nothing more for a redelivered IssueOtp', async () => {
    const request = issueCommand('intent-b', 'otp-b1');
    await deliver(h, request, request);
    expect(published(h, TOPICS.notificationCommands, 'DeliverOtp')).toHaveLength(1);
  });

  it('invalidates the previous OTP when a new one is issued', async () => {
    // given a first OTP, then a resend
    const first = await issue('intent-c', 'otp-c1');
    const second = await issue('intent-c', 'otp-c2');
    // then the first is no longer found, the second verifies
    expect(await verify('intent-c', 'step-c1', 'otp-c1', first)).toEqual([
      expect.objectContaining({ type: 'OtpRejected', reason: 'NOT_FOUND', attemptsLeft: 0 }),
    ]);
    expect(await verify('intent-c', 'step-c2', 'otp-c2', second)).toEqual([{ type: 'OtpVerified', intentId: 'intent-c', stepId: 'step-c2' }]);
  });

  it('verifies the right code once, correlated with the check, then treats it as used', async () => {
    const code = await issue('intent-d', 'otp-d1');
    const check = command(h, 'VerifyOtp', { intentId: 'intent-d', stepId: 'step-d1', otpId: 'otp-d1', sealedOtp: h.sealedBox.seal(code) }, 'intent-d');
    await deliver(h, check);
    const [verified] = outcomesOf(h, 'step-d1');
    expect(verified.type).toBe('OtpVerified');
    expect(verified.correlationId).toBe(check.envelope.correlationId);
    expect(verified.aggregateId).toBe('intent-d');
    expect(await verify('intent-d', 'step-d2', 'otp-d1', code)).toEqual([expect.objectContaining({ type: 'OtpRejected', reason: 'NOT_FOUND' })]);
  });

  it('exhausts the OTP after three wrong codes', async () => {
    const code = await issue('intent-e', 'otp-e1');
    const attempts = [];
    for (const step of ['step-e1', 'step-e2', 'step-e3']) attempts.push(...(await verify('intent-e', step, 'otp-e1', wrong(code))));
    expect(attempts.map((outcome) => [outcome.type, 'reason' in outcome && outcome.reason, 'attemptsLeft' in outcome && outcome.attemptsLeft])).toEqual([
      ['OtpRejected', 'INVALID', 2],
      ['OtpRejected', 'INVALID', 1],
      ['OtpRejected', 'INVALID', 0],
    ]);
    expect(await verify('intent-e', 'step-e4', 'otp-e1', code)).toEqual([
      expect.objectContaining({ type: 'OtpRejected', reason: 'NO_ATTEMPTS_LEFT', attemptsLeft: 0 }),
    ]);
  });

  it('refuses an expired OTP', async () => {
    const code = await issue('intent-f', 'otp-f1');
    h.clock.advance(h.config.otpTtlSeconds * 1000);
    expect(await verify('intent-f', 'step-f1', 'otp-f1', code)).toEqual([expect.objectContaining({ type: 'OtpRejected', reason: 'EXPIRED', attemptsLeft: 0 })]);
  });

  it('re-emits the outcome of a redelivered check without consuming another attempt', async () => {
    const code = await issue('intent-g', 'otp-g1');
    // given a wrong check delivered twice
    const check = command(h, 'VerifyOtp', { intentId: 'intent-g', stepId: 'step-g1', otpId: 'otp-g1', sealedOtp: h.sealedBox.seal(wrong(code)) }, 'intent-g');
    await deliver(h, check, check);
    // then both deliveries answer the same, and only one attempt was used
    expect(outcomesOf(h, 'step-g1').map((m) => m.payload)).toEqual([
      { intentId: 'intent-g', stepId: 'step-g1', reason: 'INVALID', attemptsLeft: 2 },
      { intentId: 'intent-g', stepId: 'step-g1', reason: 'INVALID', attemptsLeft: 2 },
    ]);
    expect(await verify('intent-g', 'step-g2', 'otp-g1', wrong(code))).toEqual([expect.objectContaining({ reason: 'INVALID', attemptsLeft: 1 })]);
  });

  it('kills the OTP on InvalidateOtp, idempotently and without an outcome message', async () => {
    const code = await issue('intent-h', 'otp-h1');
    const invalidate = command(h, 'InvalidateOtp', { intentId: 'intent-h' }, 'intent-h');
    await deliver(h, invalidate, invalidate);
    expect(h.bus.records(TOPICS.authEvents)).toHaveLength(0);
    expect(await verify('intent-h', 'step-h1', 'otp-h1', code)).toEqual([expect.objectContaining({ type: 'OtpRejected', reason: 'NOT_FOUND' })]);
  });

  it('answers NOT_FOUND for an intent that never had an OTP', async () => {
    expect(await verify('intent-i', 'step-i1', 'otp-i1', '123456')).toEqual([
      { type: 'OtpRejected', intentId: 'intent-i', stepId: 'step-i1', reason: 'NOT_FOUND', attemptsLeft: 0 },
    ]);
  });

  it('dead-letters an invalid message and keeps consuming', async () => {
    // given a VerifyOtp that breaks its contract, followed by a valid command
    const invalid = command(h, 'InvalidateOtp', { intentId: 'intent-j' }, 'intent-j');
    invalid.envelope = { ...invalid.envelope, type: 'VerifyOtp', payload: { intentId: 'intent-j' } };
    await deliver(h, invalid);
    const code = await issue('intent-j', 'otp-j1');

    // then the invalid one is dead-lettered with the reason, and the next one was handled
    const [dead] = h.bus.records(TOPICS.deadLetter);
    expect(dead.headers['x-dlt-group']).toBe('auth');
    expect(dead.headers['x-dlt-reason']).toMatch(/invalid VerifyOtp payload/);
    expect(code).toMatch(/^\d{6}$/);
  });

  it("stops a guesser who opens intent after intent: the client's wrong OTPs share one budget", async () => {
    await h.app.close();
    h = await bootAuth({ OTP_FAILURE_BUDGET: '4' });
    // four wrong codes spread over two intents (two each: neither intent runs out of its own three)
    for (const intentId of ['intent-g1', 'intent-g2']) {
      const code = await issue(intentId, `otp-${intentId}`);
      for (const step of ['s1', 's2']) {
        expect((await verify(intentId, `${intentId}-${step}`, `otp-${intentId}`, wrong(code)))[0]).toMatchObject({ reason: 'INVALID' });
      }
    }

    // then a third intent's right code is refused unchecked, and its OTP is burnt
    const code = await issue('intent-g3', 'otp-g3');
    expect(await verify('intent-g3', 'g3-right', 'otp-g3', code)).toEqual([
      expect.objectContaining({
        type: 'OtpRejected',
        reason: 'NO_ATTEMPTS_LEFT',
        attemptsLeft: 0,
        budget: 'OTP_FAILURES_PER_CLIENT',
        retryAfterSeconds: 24 * 60 * 60,
      }),
    ]);

    // and once the window has passed, a new intent's OTP verifies again
    h.clock.advance(24 * 60 * 60 * 1000);
    const fresh = await issue('intent-g4', 'otp-g4');
    expect(await verify('intent-g4', 'g4-right', 'otp-g4', fresh)).toEqual([expect.objectContaining({ type: 'OtpVerified' })]);
  });

  it("stops an agent trying codes across clients: the agent's wrong OTPs share one budget too", async () => {
    await h.app.close();
    h = await bootAuth({ OTP_AGENT_FAILURE_BUDGET: '3' });
    const agent = 'usr-agent-0001';
    // three wrong codes, each for another client: no client's own budget is near its end
    for (const [index, client] of ['usr-client-0001', 'usr-client-0002', 'usr-client-0004'].entries()) {
      const code = await issue(`intent-a${index}`, `otp-a${index}`, client);
      expect((await verify(`intent-a${index}`, `a${index}-wrong`, `otp-a${index}`, wrong(code), agent))[0]).toMatchObject({ reason: 'INVALID' });
    }

    // then the agent's next check is refused unchecked, naming the agent's budget
    const code = await issue('intent-a9', 'otp-a9', 'usr-client-0001');
    expect(await verify('intent-a9', 'a9-right', 'otp-a9', code, agent)).toEqual([
      expect.objectContaining({ type: 'OtpRejected', reason: 'NO_ATTEMPTS_LEFT', budget: 'OTP_FAILURES_PER_AGENT' }),
    ]);
    // while another agent's check for the same kind of intent still goes through
    const other = await issue('intent-b1', 'otp-b1', 'usr-client-0002');
    expect(await verify('intent-b1', 'b1-right', 'otp-b1', other, 'usr-agent-0002')).toEqual([expect.objectContaining({ type: 'OtpVerified' })]);
  });
});

import bcrypt from 'bcryptjs';
import { Message, TOPICS } from '@cashout/shared-contracts';
import { JwtCodec } from '@cashout/platform';
import { USER_REPOSITORY, UserRepository } from '../src/user.repository.port';
import { AGENT, AuthHarness, OTHER_AGENT, bootAuth, command, deliver, outcomesOf, published } from './auth.harness';

describe('auth PIN checks and login over the bus', () => {
  let h: AuthHarness;
  let steps = 0;

  beforeEach(async () => {
    h = await bootAuth();
  });

  afterEach(async () => {
    await h.app.close();
  });

  const tokenOf = (user: { userId: string; phone: string }, ttlSeconds = 3600) =>
    h.jwt.sign({ sub: user.userId, role: 'AGENT', phone: user.phone }, ttlSeconds, h.clock.now());
  const otherKey = {
    current: { id: 'k1', secret: 'another-secret-entirely' },
    issuer: 'cashout-auth',
    audience: 'cashout-gateway',
    maxLifetimeSeconds: 86_400,
  };

  /** A VerifyPin for a fresh step of intent-p, and that step's id. */
  function pinCommand(pin: string, options: { agentUserId?: string; token?: string } = {}) {
    steps += 1;
    const stepId = `step-${steps}`;
    const request = command(
      h,
      'VerifyPin',
      {
        intentId: 'intent-p',
        stepId,
        agentUserId: options.agentUserId ?? AGENT.userId,
        sealedPin: h.sealedBox.seal(pin),
        ...(options.token ? { sealedToken: h.sealedBox.seal(options.token) } : {}),
      },
      'intent-p',
    );
    return { request, stepId };
  }

  /** Sends one PIN check and returns its outcome as {type, reason?, attemptsLeft?}. */
  async function verifyPin(pin: string, options: { agentUserId?: string; token?: string } = {}) {
    const { request, stepId } = pinCommand(pin, options);
    await deliver(h, request);
    const [outcome] = outcomesOf(h, stepId);
    const { type, payload } = outcome as Message<'PinVerified' | 'PinRejected'>;
    return { type, ...('reason' in payload ? { reason: payload.reason, attemptsLeft: payload.attemptsLeft } : {}) };
  }

  async function login(phone: string, pin: string) {
    const request = command(h, 'Login', { phone, sealedPin: h.sealedBox.seal(pin) }, phone);
    await deliver(h, request);
    const reply = published(h, TOPICS.gatewayReplies, 'GatewayReply').find((message) => message.causationId === request.envelope.messageId);
    if (!reply) throw new Error('no reply to the login');
    return reply;
  }

  describe('VerifyPin by user id (CMMS)', () => {
    it('verifies the right PIN, correlated with the check', async () => {
      const { request, stepId } = pinCommand(AGENT.pin);
      await deliver(h, request);
      const [outcome] = outcomesOf(h, stepId);
      expect(outcome.type).toBe('PinVerified');
      expect(outcome.correlationId).toBe(request.envelope.correlationId);
      expect(outcome.aggregateId).toBe('intent-p');
    });

    it('locks the PIN after three consecutive failures, which then blocks the right PIN and login', async () => {
      expect(await verifyPin('0000')).toEqual({ type: 'PinRejected', reason: 'INVALID', attemptsLeft: 2 });
      expect(await verifyPin('0000')).toEqual({ type: 'PinRejected', reason: 'INVALID', attemptsLeft: 1 });
      expect(await verifyPin('0000')).toEqual({ type: 'PinRejected', reason: 'LOCKED', attemptsLeft: 0 });
      expect(await verifyPin(AGENT.pin)).toEqual({ type: 'PinRejected', reason: 'LOCKED', attemptsLeft: 0 });
      expect((await login(AGENT.phone, AGENT.pin)).payload).toEqual({
        kind: 'error',
        error: { code: 'PIN_LOCKED', message: expect.any(String) },
      });
    });

    it('resets the failure count after a success', async () => {
      await verifyPin('0000');
      await verifyPin('0000');
      expect(await verifyPin(AGENT.pin)).toEqual({ type: 'PinVerified' });
      expect(await verifyPin('0000')).toEqual({ type: 'PinRejected', reason: 'INVALID', attemptsLeft: 2 });
    });

    it('re-emits the outcome of a redelivered check without counting a second failure', async () => {
      const { request, stepId } = pinCommand('0000');
      await deliver(h, request, request);
      expect(outcomesOf(h, stepId).map((m) => m.payload)).toEqual([
        expect.objectContaining({ reason: 'INVALID', attemptsLeft: 2 }),
        expect.objectContaining({ reason: 'INVALID', attemptsLeft: 2 }),
      ]);
      expect(await verifyPin('0000')).toEqual({ type: 'PinRejected', reason: 'INVALID', attemptsLeft: 1 });
    });

    it('refuses an unknown user with no attempts left', async () => {
      expect(await verifyPin(AGENT.pin, { agentUserId: 'usr-nobody' })).toEqual({
        type: 'PinRejected',
        reason: 'INVALID',
        attemptsLeft: 0,
      });
    });
  });

  describe('VerifyPin with the agent token (Mobile Pro)', () => {
    it("verifies the PIN with the agent's own token", async () => {
      expect(await verifyPin(AGENT.pin, { token: await tokenOf(AGENT) })).toEqual({ type: 'PinVerified' });
    });

    it("refuses another agent's token without counting a failure", async () => {
      expect(await verifyPin(AGENT.pin, { token: await tokenOf(OTHER_AGENT) })).toEqual({
        type: 'PinRejected',
        reason: 'TOKEN_INVALID',
        attemptsLeft: 3,
      });
      expect(await verifyPin('0000')).toEqual({ type: 'PinRejected', reason: 'INVALID', attemptsLeft: 2 });
    });

    it('refuses an expired token', async () => {
      const token = await tokenOf(AGENT, 60);
      h.clock.advance(60_000);
      expect(await verifyPin(AGENT.pin, { token })).toEqual({
        type: 'PinRejected',
        reason: 'TOKEN_INVALID',
        attemptsLeft: 3,
      });
    });

    it('refuses a token signed with another secret', async () => {
      const forged = await new JwtCodec(otherKey).sign({ sub: AGENT.userId, role: 'AGENT', phone: AGENT.phone }, 3600, h.clock.now());
      expect(await verifyPin(AGENT.pin, { token: forged })).toEqual(expect.objectContaining({ type: 'PinRejected', reason: 'TOKEN_INVALID' }));
    });
  });

  describe('Login', () => {
    it('answers the gateway with a sealed token for the user, correlated with the request', async () => {
      const reply = await login(AGENT.phone, AGENT.pin);
      expect(reply.correlationId).toBe(`corr-${AGENT.phone}-Login`);
      expect(reply.payload).toEqual({
        kind: 'login',
        sealedAccessToken: expect.any(String),
        expiresIn: 3600,
        user: { id: AGENT.userId, role: 'AGENT', phone: AGENT.phone },
      });
      const body = reply.payload as { sealedAccessToken: string };
      const token = h.sealedBox.open(body.sealedAccessToken) as string;
      expect(await h.jwt.verify(token, h.clock.now())).toMatchObject({ sub: AGENT.userId, role: 'AGENT', phone: AGENT.phone });
    });

    it('answers an unknown phone and a wrong PIN with the same INVALID_CREDENTIALS error', async () => {
      const unknown = await login('+2250999999999', AGENT.pin);
      const wrongPin = await login(AGENT.phone, '0000');
      expect(unknown.payload).toEqual({ kind: 'error', error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
      expect(wrongPin.payload).toEqual(unknown.payload);
    });

    it('counts failed logins towards the PIN lock', async () => {
      await login(AGENT.phone, '0000');
      await login(AGENT.phone, '0000');
      const third = await login(AGENT.phone, '0000');
      expect(third.payload).toEqual({ kind: 'error', error: { code: 'PIN_LOCKED', message: expect.any(String) } });
      expect(await verifyPin(AGENT.pin)).toEqual({ type: 'PinRejected', reason: 'LOCKED', attemptsLeft: 0 });
    });

    it('heals a lock by itself after 15 minutes, and says when in the refusal', async () => {
      for (let i = 0; i < 3; i += 1) await login(AGENT.phone, '0000');
      const lockedAt = h.clock.now();
      const refused = await login(AGENT.phone, AGENT.pin);
      const unlocksAt = new Date(lockedAt.getTime() + 15 * 60_000).toISOString();
      expect(refused.payload).toEqual({ kind: 'error', error: { code: 'PIN_LOCKED', message: expect.stringContaining(unlocksAt) } });

      h.clock.advance(14 * 60_000);
      expect((await login(AGENT.phone, AGENT.pin)).payload.kind).toBe('error');
      h.clock.advance(60_000);
      expect((await login(AGENT.phone, AGENT.pin)).payload.kind).toBe('login');
      expect(await verifyPin('0000')).toEqual({ type: 'PinRejected', reason: 'INVALID', attemptsLeft: 2 });
    });

    it('locks twice as long the second time in a row', async () => {
      for (let i = 0; i < 3; i += 1) await login(AGENT.phone, '0000');
      h.clock.advance(15 * 60_000);
      for (let i = 0; i < 3; i += 1) await login(AGENT.phone, '0000');

      h.clock.advance(29 * 60_000);
      expect((await login(AGENT.phone, AGENT.pin)).payload.kind).toBe('error');
      h.clock.advance(60_000);
      expect((await login(AGENT.phone, AGENT.pin)).payload.kind).toBe('login');
    });

    it('re-hashes a PIN hashed before the pepper at its next successful login', async () => {
      const users = h.app.get<UserRepository>(USER_REPOSITORY);
      const before = await users.findById(AGENT.userId);
      if (!before) throw new Error('no agent');
      const legacy = await bcrypt.hash(AGENT.pin, 4);
      expect(await users.save({ ...before, pinHash: legacy, version: before.version + 1 })).toBe(true);

      expect((await login(AGENT.phone, '0000')).payload.kind).toBe('error');
      expect((await users.findById(AGENT.userId))?.pinHash).toBe(legacy);
      expect((await login(AGENT.phone, AGENT.pin)).payload.kind).toBe('login');

      const upgraded = (await users.findById(AGENT.userId))?.pinHash ?? '';
      expect(upgraded.startsWith('pep1:')).toBe(true);
      expect((await login(AGENT.phone, AGENT.pin)).payload.kind).toBe('login');
    });

    it('revokes the tokens issued before a lock (by login or by PIN check), announcing the new token version once', async () => {
      const tokenVersionOfLogin = async () => {
        const reply = await login(AGENT.phone, AGENT.pin);
        const token = h.sealedBox.open((reply.payload as { sealedAccessToken: string }).sealedAccessToken) as string;
        return (await h.jwt.verify(token, h.clock.now()))?.tv;
      };
      expect(await tokenVersionOfLogin()).toBe(0);
      for (let i = 0; i < 4; i += 1) await login(AGENT.phone, '0000');
      const changes = published(h, TOPICS.authAccess, 'UserAccessChanged');
      expect(changes.map((message) => message.payload)).toEqual([
        {
          userId: AGENT.userId,
          role: 'AGENT',
          phone: AGENT.phone,
          change: 'LOCKED',
          tokenVersion: 1,
          lockedUntil: new Date(h.clock.now().getTime() + 15 * 60_000).toISOString(),
          changedAt: h.clock.now().toISOString(),
        },
      ]);
      expect(changes[0].aggregateId).toBe(AGENT.userId);

      h.clock.advance(15 * 60_000);
      expect(await tokenVersionOfLogin()).toBe(1);
      for (let i = 0; i < 3; i += 1) await verifyPin('0000');
      expect(published(h, TOPICS.authAccess, 'UserAccessChanged').map((message) => message.payload.tokenVersion)).toEqual([1, 2]);
    });

    it('answers a redelivered failed login again without counting it twice', async () => {
      const request = command(h, 'Login', { phone: AGENT.phone, sealedPin: h.sealedBox.seal('0000') }, AGENT.phone);
      await deliver(h, request, request);
      const replies = published(h, TOPICS.gatewayReplies, 'GatewayReply');
      expect(replies.map((reply) => reply.payload.kind)).toEqual(['error', 'error']);
      expect(await verifyPin('0000')).toEqual({ type: 'PinRejected', reason: 'INVALID', attemptsLeft: 1 });
    });
  });

  describe('UnlockUser (staff)', () => {
    async function unlock(userId: string) {
      const request = command(h, 'UnlockUser', { userId, unlockedBy: 'usr-admin-0001' }, userId);
      await deliver(h, request);
      const reply = published(h, TOPICS.gatewayReplies, 'GatewayReply').find((message) => message.causationId === request.envelope.messageId);
      if (!reply) throw new Error('no reply to the unlock');
      return reply.payload;
    }

    it('lifts a lock at once and forgets the locks in a row, recording who lifted it', async () => {
      for (let i = 0; i < 3; i += 1) await login(AGENT.phone, '0000');

      expect(await unlock(AGENT.userId)).toEqual({
        kind: 'user-unlocked',
        user: { id: AGENT.userId, role: 'AGENT', phone: AGENT.phone },
        wasLocked: true,
      });

      expect((await login(AGENT.phone, AGENT.pin)).payload.kind).toBe('login');
      const user = await h.app.get<UserRepository>(USER_REPOSITORY).findById(AGENT.userId);
      expect(user).toMatchObject({ failures: 0, locked: false, lastUnlock: { by: 'usr-admin-0001', at: h.clock.now().toISOString() } });
      expect(user?.lockouts).toBeUndefined();
      expect(user?.tokenVersion).toBe(2);
      expect(published(h, TOPICS.authAccess, 'UserAccessChanged').map((message) => [message.payload.change, message.payload.tokenVersion])).toEqual([
        ['LOCKED', 1],
        ['UNLOCKED', 2],
      ]);
    });

    it('changes nothing for a user with nothing to lift, and answers NOT_FOUND for an unknown user', async () => {
      expect(await unlock(AGENT.userId)).toMatchObject({ kind: 'user-unlocked', wasLocked: false });
      expect(await unlock('usr-nobody')).toEqual({ kind: 'error', error: { code: 'NOT_FOUND', message: 'no user with id usr-nobody' } });
    });
  });
});

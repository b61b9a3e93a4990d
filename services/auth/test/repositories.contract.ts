import { OtpDocument, OtpRepository } from '../src/otp.repository.port';
import { UserDocument, UserRepository } from '../src/user.repository.port';

/**
 * What every adapter of auth's repository ports must do: the in-memory adapters run it in
 * `npm test`, the MongoDB adapters against a real server in `npm run test:int`.
 */
export interface UnderTest<T> {
  repository: T;
  close: () => Promise<void>;
}

const outboxEntry = (id: string) => ({
  id,
  message: {
    topic: 'cashout.auth.events',
    key: 'intent-1',
    envelope: {
      messageId: id,
      type: 'OtpVerified',
      version: 1,
      occurredAt: '2026-01-15T10:00:00.000Z',
      correlationId: 'corr-1',
      aggregateId: 'intent-1',
      producer: 'auth',
      payload: { intentId: 'intent-1', stepId: 'step-1' },
    },
  },
});

export function describeUserRepositoryContract(name: string, makeRepository: () => Promise<UnderTest<UserRepository>>): void {
  const user = (overrides: Partial<UserDocument> = {}): UserDocument => ({
    id: 'usr-1',
    version: 1,
    role: 'AGENT',
    phone: '+2250500000009',
    pinHash: 'hash',
    failures: 0,
    locked: false,
    pinChecks: [],
    logins: [],
    ...overrides,
  });

  describe(`${name} (user repository contract)`, () => {
    let under: UnderTest<UserRepository>;
    let users: UserRepository;
    beforeEach(async () => {
      under = await makeRepository();
      users = under.repository;
    });
    afterEach(async () => {
      await under.close();
    });

    it('finds a saved user by id and by phone', async () => {
      await users.save(user());
      expect(await users.findById('usr-1')).toEqual(user());
      expect(await users.findByPhone('+2250500000009')).toEqual(user());
      expect(await users.findByPhone('+2250500000000')).toBeUndefined();
    });

    it('refuses a second insert of the same id', async () => {
      expect(await users.save(user())).toBe(true);
      expect(await users.save(user({ phone: '+2250500000008' }))).toBe(false);
    });

    it('refuses a second user with the same phone', async () => {
      await users.save(user());
      expect(await users.save(user({ id: 'usr-2' }))).toBe(false);
    });

    it('replaces only the version it read', async () => {
      await users.save(user());
      expect(await users.save(user({ version: 2, failures: 1 }))).toBe(true);
      expect(await users.save(user({ version: 2, failures: 2 }))).toBe(false);
      expect((await users.findById('usr-1'))?.failures).toBe(1);
    });

    it('hands out copies, never the stored document', async () => {
      await users.save(user());
      const read = (await users.findById('usr-1')) as UserDocument;
      read.locked = true;
      expect((await users.findById('usr-1'))?.locked).toBe(false);
    });

    it('exposes the messages saved with a version until they are marked relayed', async () => {
      await users.save(user(), [outboxEntry('m-1')]);
      const pending = await users.pendingOutbox(10);
      expect(pending).toEqual([users.batchOf(user(), [outboxEntry('m-1')])]);
      await users.markRelayed(pending[0].documentId, ['m-1']);
      expect(await users.pendingOutbox(10)).toEqual([]);
    });

    it('keeps the messages of each version with it: relaying one leaves the others pending', async () => {
      await users.save(user(), [outboxEntry('m-1')]);
      await users.save(user({ version: 2, failures: 1 }), [outboxEntry('m-2')]);
      await users.markRelayed(users.batchOf(user(), []).documentId, ['m-1']);

      expect(await users.pendingOutbox(10)).toEqual([users.batchOf(user({ version: 2 }), [outboxEntry('m-2')])]);
    });

    it('lets exactly one of concurrent saves with the same expected version win (PIN lockout counters)', async () => {
      await users.save(user());

      const outcomes = await Promise.all(
        [1, 2, 3, 4, 5].map((failures) => users.save(user({ version: 2, failures, locked: failures >= 3 }), [outboxEntry(`m-${failures}`)])),
      );

      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const winner = outcomes.indexOf(true) + 1;
      expect(await users.findById('usr-1')).toMatchObject({ version: 2, failures: winner });
      const pending = await users.pendingOutbox(10);
      expect(pending.flatMap((batch) => batch.entries.map((entry) => entry.id))).toEqual([`m-${winner}`]);
    });

    it('counts every failure of 12 concurrent PIN checks that re-read and retry (none lost)', async () => {
      await users.save(user());

      await Promise.all(
        Array.from({ length: 12 }, async () => {
          for (;;) {
            const current = (await users.findById('usr-1')) as UserDocument;
            if (await users.save({ ...current, failures: current.failures + 1, version: current.version + 1 })) return;
          }
        }),
      );

      expect(await users.findById('usr-1')).toMatchObject({ failures: 12, version: 13 });
    });

    it('lets exactly one of concurrent inserts with the same phone win', async () => {
      const outcomes = await Promise.all(['usr-1', 'usr-2', 'usr-3', 'usr-4'].map((id) => users.save(user({ id }))));

      expect(outcomes.filter(Boolean)).toHaveLength(1);
    });
  });
}

export function describeOtpRepositoryContract(name: string, makeRepository: () => Promise<UnderTest<OtpRepository>>): void {
  const otp = (overrides: Partial<OtpDocument> = {}): OtpDocument => ({
    id: 'intent-1',
    version: 1,
    intentId: 'intent-1',
    otpId: 'otp-1',
    otpHash: 'hash',
    expiresAt: '2026-01-15T10:05:00.000Z',
    attemptsLeft: 3,
    status: 'ACTIVE',
    issuedOtpIds: ['otp-1'],
    checks: [],
    ...overrides,
  });

  describe(`${name} (OTP repository contract)`, () => {
    let under: UnderTest<OtpRepository>;
    let otps: OtpRepository;
    beforeEach(async () => {
      under = await makeRepository();
      otps = under.repository;
    });
    afterEach(async () => {
      await under.close();
    });

    it('finds a saved OTP by intent id', async () => {
      await otps.save(otp());
      expect(await otps.findByIntentId('intent-1')).toEqual(otp());
      expect(await otps.findByIntentId('intent-2')).toBeUndefined();
    });

    it('refuses a second insert for the same intent', async () => {
      expect(await otps.save(otp())).toBe(true);
      expect(await otps.save(otp({ otpId: 'otp-2' }))).toBe(false);
    });

    it('replaces only the version it read', async () => {
      await otps.save(otp());
      expect(await otps.save(otp({ version: 2, attemptsLeft: 2 }))).toBe(true);
      expect(await otps.save(otp({ version: 2, attemptsLeft: 1 }))).toBe(false);
      expect((await otps.findByIntentId('intent-1'))?.attemptsLeft).toBe(2);
    });

    it('exposes the messages saved with a version until they are marked relayed', async () => {
      await otps.save(otp(), [outboxEntry('m-1'), outboxEntry('m-2')]);
      const [batch] = await otps.pendingOutbox(10);
      expect(batch).toEqual(otps.batchOf(otp(), [outboxEntry('m-1'), outboxEntry('m-2')]));
      await otps.markRelayed(batch.documentId, ['m-1', 'm-2']);
      expect(await otps.pendingOutbox(10)).toEqual([]);
    });

    it('lets exactly one of concurrent saves of one version win, with its own messages', async () => {
      await otps.save(otp());

      const outcomes = await Promise.all(
        [2, 1, 0].map((attemptsLeft) => otps.save(otp({ version: 2, attemptsLeft }), [outboxEntry(`m-left-${attemptsLeft}`)])),
      );

      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const stored = await otps.findByIntentId('intent-1');
      const pending = await otps.pendingOutbox(10);
      expect(pending.flatMap((batch) => batch.entries.map((entry) => entry.id))).toEqual([`m-left-${stored?.attemptsLeft}`]);
    });
  });
}

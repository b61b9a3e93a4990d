import { CustomerProfileRepository, PhoneTakenError } from '../src/customer-profile.repository.port';
import { CustomerProfile } from '../src/domain/customer-profile';

export interface UnderTest<T> {
  repository: T;
  close: () => Promise<void>;
}

const aProfile = (overrides: Partial<CustomerProfile> = {}): CustomerProfile => ({
  userId: 'usr-client-0001',
  phone: '+2250100000001',
  role: 'CLIENT',
  kycTier: 1,
  status: 'ACTIVE',
  preferredChannel: 'WHATSAPP',
  ...overrides,
});

/**
 * What every adapter of the profile port must do: the in-memory twin runs it in `npm test`,
 * the MongoDB adapter against a real server in `npm run test:int`.
 */
export function describeCustomerProfileRepositoryContract(name: string, makeRepository: () => Promise<UnderTest<CustomerProfileRepository>>): void {
  describe(`${name} (customer profile repository contract)`, () => {
    let under: UnderTest<CustomerProfileRepository>;
    let profiles: CustomerProfileRepository;

    beforeEach(async () => {
      under = await makeRepository();
      profiles = under.repository;
    });

    afterEach(async () => {
      await under.close();
    });

    it('finds a profile by user id and by phone', async () => {
      await profiles.upsert(aProfile());

      expect(await profiles.findByUserId('usr-client-0001')).toEqual(aProfile());
      expect(await profiles.findByPhone('+2250100000001')).toEqual(aProfile());
      expect(await profiles.findByUserId('usr-nobody')).toBeUndefined();
      expect(await profiles.findByPhone('+2250100000009')).toBeUndefined();
    });

    it('replaces a profile whole on a second upsert', async () => {
      await profiles.upsert(aProfile());

      await profiles.upsert(aProfile({ kycTier: 2, status: 'BLOCKED', preferredChannel: undefined }));

      const stored = await profiles.findByUserId('usr-client-0001');
      expect(stored).toEqual(aProfile({ kycTier: 2, status: 'BLOCKED', preferredChannel: undefined }));
      expect(stored && 'preferredChannel' in stored && stored.preferredChannel !== undefined).toBe(false);
    });

    it("refuses another user's phone and keeps both profiles as they were", async () => {
      await profiles.upsert(aProfile());
      await profiles.upsert(aProfile({ userId: 'usr-client-0002', phone: '+2250100000002' }));

      await expect(profiles.upsert(aProfile({ userId: 'usr-client-0002' }))).rejects.toBeInstanceOf(PhoneTakenError);

      expect((await profiles.findByPhone('+2250100000001'))?.userId).toBe('usr-client-0001');
      expect((await profiles.findByUserId('usr-client-0002'))?.phone).toBe('+2250100000002');
    });

    it('keeps one profile when the same user is upserted concurrently', async () => {
      await Promise.all([1, 2, 3, 2, 1].map((kycTier) => profiles.upsert(aProfile({ kycTier }))));

      expect((await profiles.findByPhone('+2250100000001'))?.userId).toBe('usr-client-0001');
      expect([1, 2, 3]).toContain((await profiles.findByUserId('usr-client-0001'))?.kycTier);
    });
  });
}

import { InMemoryCustomerProfileRepository } from '../src/infrastructure/in-memory-customer-profile.repository';
import { InMemoryQrTokenRepository } from '../src/infrastructure/in-memory-qr-token.repository';
import { describeCustomerProfileRepositoryContract } from './customer-profile.repository.contract';
import { describeQrTokenRepositoryContract } from './qr-token.repository.contract';

const noClose = async () => undefined;

describeCustomerProfileRepositoryContract('InMemoryCustomerProfileRepository', async () => ({
  repository: new InMemoryCustomerProfileRepository(),
  close: noClose,
}));
describeQrTokenRepositoryContract('InMemoryQrTokenRepository', async () => ({ repository: new InMemoryQrTokenRepository(), close: noClose }));

describe('InMemoryCustomerProfileRepository phone index', () => {
  const profile = { userId: 'usr-client-0001', phone: '+2250100000001', role: 'CLIENT', kycTier: 1, status: 'ACTIVE' } as const;

  it('follows a change of phone: the new one finds the profile, the old one is free again', async () => {
    const profiles = new InMemoryCustomerProfileRepository();
    await profiles.upsert(profile);

    await profiles.upsert({ ...profile, phone: '+2250100000009' });
    await profiles.upsert({ ...profile, userId: 'usr-client-0002', phone: '+2250100000001' });

    expect((await profiles.findByPhone('+2250100000009'))?.userId).toBe('usr-client-0001');
    expect((await profiles.findByPhone('+2250100000001'))?.userId).toBe('usr-client-0002');
  });

  it('refuses the second of two users upserted at once with the same phone', async () => {
    const profiles = new InMemoryCustomerProfileRepository();

    const outcomes = await Promise.allSettled([profiles.upsert(profile), profiles.upsert({ ...profile, userId: 'usr-client-0002' })]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect((await profiles.findByPhone(profile.phone))?.userId).toBe('usr-client-0001');
  });
});

import { DemoUser } from '@cashout/platform';
import { CustomerProfile } from '../domain/customer-profile';

/** The customer profile of a seeded user; staff (admin, operator) have none. */
export function profileOf(user: DemoUser): CustomerProfile | undefined {
  if (!user.profile || (user.role !== 'AGENT' && user.role !== 'CLIENT')) return undefined;
  return {
    userId: user.userId,
    phone: user.phone,
    role: user.role,
    kycTier: user.profile.kycTier,
    status: user.profile.status,
    ...(user.profile.preferredChannel ? { preferredChannel: user.profile.preferredChannel } : {}),
  };
}

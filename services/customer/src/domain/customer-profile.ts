import { CustomerStatus, NotificationChannel } from '@cashout/shared-contracts';

export type CustomerRole = 'AGENT' | 'CLIENT';

/** A customer of the platform; userId is the auth service's user id. */
export interface CustomerProfile {
  userId: string;
  phone: string;
  role: CustomerRole;
  kycTier: number;
  status: CustomerStatus;
  preferredChannel?: NotificationChannel;
}

import { CustomerProfile } from './domain/customer-profile';

export const CUSTOMER_PROFILE_REPOSITORY = Symbol('CUSTOMER_PROFILE_REPOSITORY');

/** Customer profiles, keyed by user id; the phone is unique too (a unique index in MongoDB). */
export interface CustomerProfileRepository {
  findByPhone(phone: string): Promise<CustomerProfile | undefined>;
  findByUserId(userId: string): Promise<CustomerProfile | undefined>;
  /**
   * Creates or replaces one profile (seeding and back-office updates). Throws
   * PhoneTakenError when another user's profile has this phone.
   */
  upsert(profile: CustomerProfile): Promise<void>;
}

export class PhoneTakenError extends Error {
  constructor(readonly userId: string) {
    super(`profile ${userId}: the phone belongs to another profile`);
    this.name = 'PhoneTakenError';
  }
}

export const WHITELIST_REPOSITORY = Symbol('WHITELIST_REPOSITORY');

/** Phones that receive their messages outside production (testers' own numbers). */
export interface WhitelistRepository {
  add(phones: readonly string[]): Promise<void>;
  contains(phone: string): Promise<boolean>;
}

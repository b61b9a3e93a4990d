import { DuplicateKeyError, InMemoryCollection } from '@cashout/platform';
import { WhitelistRepository } from '../whitelist.repository.port';

interface WhitelistEntry {
  /** The E.164 phone itself: adding it twice is a no-op. */
  id: string;
  version: number;
}

export class InMemoryWhitelistRepository implements WhitelistRepository {
  private readonly entries = new InMemoryCollection<WhitelistEntry>();

  async add(phones: readonly string[]): Promise<void> {
    for (const phone of phones) {
      try {
        await this.entries.insert({ id: phone, version: 1 });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
  }

  async contains(phone: string): Promise<boolean> {
    return (await this.entries.findById(phone)) !== undefined;
  }
}

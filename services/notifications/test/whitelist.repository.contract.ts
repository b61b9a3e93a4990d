import { WhitelistRepository } from '../src/whitelist.repository.port';
import { UnderTest } from './notification-record.repository.contract';

/** What every adapter of the whitelist port must do (in-memory in `npm test`, MongoDB in `test:int`). */
export function describeWhitelistRepositoryContract(name: string, makeRepository: () => Promise<UnderTest<WhitelistRepository>>): void {
  describe(`${name} (whitelist repository contract)`, () => {
    let under: UnderTest<WhitelistRepository>;
    let whitelist: WhitelistRepository;

    beforeEach(async () => {
      under = await makeRepository();
      whitelist = under.repository;
    });

    afterEach(async () => {
      await under.close();
    });

    it('contains the phones added, and no other', async () => {
      await whitelist.add(['+2250100000001', '+2250100000002']);

      expect(await whitelist.contains('+2250100000001')).toBe(true);
      expect(await whitelist.contains('+2250100000002')).toBe(true);
      expect(await whitelist.contains('+2250100000003')).toBe(false);
    });

    it('treats adding a phone again, even concurrently or twice in one call, as a no-op', async () => {
      await whitelist.add(['+2250100000001']);

      await Promise.all([whitelist.add(['+2250100000001', '+2250100000001']), whitelist.add(['+2250100000001', '+2250100000004'])]);

      expect(await whitelist.contains('+2250100000001')).toBe(true);
      expect(await whitelist.contains('+2250100000004')).toBe(true);
    });

    it('adds nothing for an empty list', async () => {
      await whitelist.add([]);

      expect(await whitelist.contains('')).toBe(false);
    });
  });
}

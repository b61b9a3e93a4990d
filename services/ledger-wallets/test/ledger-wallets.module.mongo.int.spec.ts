import { NestFactory } from '@nestjs/core';
import mongoose from 'mongoose';
import { InMemoryMessageBus, ManualClock } from '@cashout/platform';
import { serviceDatabaseName } from '@cashout/platform/mongo';
import { realServers, uniqueDatabaseUrl } from '@cashout/testkit';
import { auditJournal } from '../src/domain/journal-audit';
import { reconcile } from '../src/domain/ledger';
import { LEDGER_REPOSITORY, LedgerRepository, LedgerWalletsModule, loadLedgerConfig } from '../src';

const SEAL_KEY = 'test-seal-key-0123456789';
const CLIENT_WALLET = 'wlt-usr-client-0001-main-XOF';

/** The module on MongoDB: adapter selection, start-up indexes, idempotent seeding, clean shutdown. */
describe('LedgerWalletsModule on MongoDB', () => {
  // A database prefix of this run's own: never the one a local stack uses.
  const mongoUrl = uniqueDatabaseUrl(realServers().mongoUrl, 'ledger-module');

  afterAll(async () => {
    const connection = await mongoose.createConnection(mongoUrl).asPromise();
    await connection.useDb(serviceDatabaseName(mongoUrl, 'ledger-wallets')).dropDatabase();
    await connection.close();
  });

  async function boot() {
    const bus = new InMemoryMessageBus({ backoffMs: () => 1 });
    const app = await NestFactory.createApplicationContext(
      LedgerWalletsModule.register({
        platform: { serviceName: 'ledger-wallets', bus, sealKey: SEAL_KEY, clock: new ManualClock() },
        config: loadLedgerConfig({ APP_ENV: 'test', EXPIRY_SWEEP_INTERVAL_MS: '3600000' }),
        seedDemo: true,
        infrastructure: { mongoUrl },
      }),
      { logger: false },
    );
    await app.init();
    return { app, bus };
  }

  it('seeds the demo wallets once, however many times it boots, and the ledger reconciles', async () => {
    const first = await boot();
    const ledger = first.app.get<LedgerRepository>(LEDGER_REPOSITORY);
    const client = await ledger.findWallet(CLIENT_WALLET);
    await first.app.close();
    await first.bus.stop();

    const second = await boot();
    const again = second.app.get<LedgerRepository>(LEDGER_REPOSITORY);
    try {
      expect(client?.balance).toBeGreaterThan(0);
      expect(await again.findEntry(`opening-${CLIENT_WALLET}`)).toBeDefined();
      expect(reconcile(await again.allWallets(), await again.allEntries()).balanced).toBe(true);
      // The second boot's openings carry another createdAt: the chains still vouch for the entries stored.
      expect(auditJournal(await again.journalEvidence(), await again.allEntries())).toMatchObject({ broken: [], legacy: { lines: 0, entries: 0 } });
    } finally {
      await second.app.close();
      await second.bus.stop();
    }
  });
});

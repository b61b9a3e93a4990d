import { ManualClock } from '@cashout/platform';
import { customerWalletId, systemWalletId } from '../src/domain/ledger';
import { InMemoryLedgerRepository } from '../src/infrastructure/in-memory-ledger.repository';
import { LoadWalletsSeeder } from '../src/infrastructure/load-wallets.seeder';

describe('LoadWalletsSeeder', () => {
  const seed = { clients: 5, agents: 3 };

  it('opens MAIN with 10 000 000 XOF from the funding wallet for each client, FLOAT and COMMISSION at 0 for each agent', async () => {
    const ledger = new InMemoryLedgerRepository();

    await new LoadWalletsSeeder(seed, ledger, new ManualClock()).onModuleInit();

    expect(await ledger.findWallet(customerWalletId('usr-load-client-00000005', 'MAIN', 'XOF'))).toMatchObject({
      kind: 'MAIN',
      balance: 10_000_000,
      ownerPhone: '+2250200000005',
      allowNegative: false,
    });
    const agent = await ledger.walletsOf({ ownerPhone: '+2250600000003' });
    expect(agent.map((wallet) => [wallet.kind, wallet.balance]).sort()).toEqual([
      ['COMMISSION', 0],
      ['FLOAT', 0],
    ]);
    expect((await ledger.findWallet(systemWalletId('FUNDING', 'XOF')))?.balance).toBe(-50_000_000);
    expect(await ledger.findEntry(`opening-${customerWalletId('usr-load-client-00000001', 'MAIN', 'XOF')}`)).toMatchObject({ kind: 'OPENING' });
  });

  it('moves the money once when two instances seed at once and a third later', async () => {
    const ledger = new InMemoryLedgerRepository();
    const instance = () => new LoadWalletsSeeder(seed, ledger, new ManualClock());

    await Promise.all([instance().onModuleInit(), instance().onModuleInit()]);
    await instance().onModuleInit();

    const wallets = await ledger.allWallets();
    expect(wallets.filter((wallet) => wallet.kind === 'MAIN').map((wallet) => wallet.balance)).toEqual(Array(5).fill(10_000_000));
    expect(wallets.reduce((sum, wallet) => sum + wallet.balance, 0)).toBe(0);
    expect(await ledger.allEntries()).toHaveLength(5);
  });
});

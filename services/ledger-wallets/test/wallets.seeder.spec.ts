import { ManualClock, SeedPlan } from '@cashout/platform';
import { customerWalletId, reconcile, systemWalletId } from '../src/domain/ledger';
import { InMemoryLedgerRepository } from '../src/infrastructure/in-memory-ledger.repository';
import { WalletsSeeder } from '../src/infrastructure/wallets.seeder';
import { LedgerRepository } from '../src/ledger.repository.port';

const FUNDING = systemWalletId('FUNDING', 'XOF');
const FEES = systemWalletId('FEES', 'XOF');
const DEMO_CLIENT = customerWalletId('usr-client-0001', 'MAIN', 'XOF');
const LOAD_CLIENT = customerWalletId('usr-load-client-00000005', 'MAIN', 'XOF');
/** The demo clients' opening balances: 500 000 + 2 000 + 100 000 + 1 000 000. */
const DEMO_OPENINGS = 1_602_000;

describe('WalletsSeeder', () => {
  const load = { clients: 5, agents: 3 };
  const noLoad = { clients: 0, agents: 0 };

  async function seeded(plan: SeedPlan): Promise<InMemoryLedgerRepository> {
    const ledger = new InMemoryLedgerRepository();
    await new WalletsSeeder(plan, ledger, new ManualClock()).onModuleInit();
    return ledger;
  }

  /** Every wallet and entry, and the journal balanced: seeded money is double-entry. */
  async function stateOf(ledger: LedgerRepository) {
    const wallets = await ledger.allWallets();
    const entries = await ledger.allEntries();
    expect(reconcile(wallets, entries)).toMatchObject({ balanced: true, mismatches: [], totalsByCurrency: { XOF: 0 } });
    return { wallets, entries };
  }

  it('given the demo data only, when starting, then the house wallets, and each demo client funded by an opening entry from FUNDING', async () => {
    const ledger = await seeded({ demo: true, load: noLoad });

    expect(await ledger.findWallet(FUNDING)).toMatchObject({ kind: 'SYSTEM', allowNegative: true, balance: -DEMO_OPENINGS });
    expect(await ledger.findWallet(FEES)).toMatchObject({ kind: 'SYSTEM', allowNegative: false, balance: 0 });
    expect(await ledger.findWallet(DEMO_CLIENT)).toMatchObject({ kind: 'MAIN', balance: 500_000, ownerPhone: '+2250100000001', allowNegative: false });
    expect(await ledger.findEntry(`opening-${DEMO_CLIENT}`)).toMatchObject({
      kind: 'OPENING',
      postings: [
        { walletId: FUNDING, amount: -500_000, currency: 'XOF' },
        { walletId: DEMO_CLIENT, amount: 500_000, currency: 'XOF' },
      ],
    });
    const { wallets, entries } = await stateOf(ledger);
    expect(wallets).toHaveLength(2 + 8);
    expect(entries).toHaveLength(4);
    expect(await ledger.findWallet(LOAD_CLIENT)).toBeUndefined();
  });

  it('given the load data only, when starting, then MAIN with 10 000 000 XOF for each client, FLOAT and COMMISSION at 0 for each agent', async () => {
    const ledger = await seeded({ demo: false, load });

    expect(await ledger.findWallet(LOAD_CLIENT)).toMatchObject({ kind: 'MAIN', balance: 10_000_000, ownerPhone: '+2250200000005', allowNegative: false });
    const agent = await ledger.walletsOf({ ownerPhone: '+2250600000003' });
    expect(agent.map((wallet) => [wallet.kind, wallet.balance]).sort()).toEqual([
      ['COMMISSION', 0],
      ['FLOAT', 0],
    ]);
    expect((await ledger.findWallet(FUNDING))?.balance).toBe(-50_000_000);
    const { wallets, entries } = await stateOf(ledger);
    expect(wallets).toHaveLength(2 + 5 + 6);
    expect(entries).toHaveLength(5);
    expect(await ledger.findWallet(DEMO_CLIENT)).toBeUndefined();
  });

  it('given both, when starting, then the demo and the load wallets, all funded from one funding wallet', async () => {
    const ledger = await seeded({ demo: true, load });

    expect((await ledger.findWallet(FUNDING))?.balance).toBe(-(DEMO_OPENINGS + 50_000_000));
    expect((await ledger.findWallet(DEMO_CLIENT))?.balance).toBe(500_000);
    expect((await ledger.findWallet(LOAD_CLIENT))?.balance).toBe(10_000_000);
    const { wallets, entries } = await stateOf(ledger);
    expect(wallets).toHaveLength(2 + 8 + 11);
    expect(entries).toHaveLength(4 + 5);
  });

  it('given neither, when starting, then no wallet, not even the house ones', async () => {
    const ledger = await seeded({ demo: false, load: noLoad });

    expect(await ledger.allWallets()).toEqual([]);
    expect(await ledger.allEntries()).toEqual([]);
  });

  it('moves the money once when two instances seed at once and a third later: balances and journal unchanged', async () => {
    const ledger = new InMemoryLedgerRepository();
    const clock = new ManualClock();
    const instance = () => new WalletsSeeder({ demo: true, load }, ledger, clock);

    await Promise.all([instance().onModuleInit(), instance().onModuleInit()]);
    const first = await stateOf(ledger);
    // A later start dates its openings later: entries kept by id keep their first date.
    clock.advance(60_000);
    await instance().onModuleInit();

    expect(await stateOf(ledger)).toEqual(first);
    expect(first.entries).toHaveLength(4 + 5);
    expect(first.wallets.filter((wallet) => wallet.kind === 'MAIN').map((wallet) => wallet.balance)).toEqual(
      expect.arrayContaining([500_000, 2_000, 100_000, 1_000_000, ...Array(5).fill(10_000_000)]),
    );
  });

  it('given an opening the ledger refuses, when starting, then the start fails naming the wallet', async () => {
    const ledger = new InMemoryLedgerRepository();
    jest.spyOn(ledger, 'post').mockResolvedValue({ kind: 'refused', reason: 'unbalanced' });

    await expect(new WalletsSeeder({ demo: true, load: noLoad }, ledger, new ManualClock()).onModuleInit()).rejects.toThrow(
      /opening balance of wlt-usr-client-\d{4}-main-XOF refused: unbalanced/,
    );
  });
});

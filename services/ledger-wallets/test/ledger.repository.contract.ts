import { aCashOut, anEntry, AT, CLIENT, COMMISSION, FEES, FLOAT, FUNDING, posting, XOF } from './support/ledger-fixtures';
import { available, commissionEntry, JournalEntry, reconcile, Wallet } from '../src/domain/ledger';
import { LedgerRepository } from '../src/ledger.repository.port';
import { describeHoldsContract } from './ledger-holds.contract';
import { availableOf, balanceOf } from './support/ledger-balances';

export interface LedgerUnderTest {
  repository: LedgerRepository;
  close: () => Promise<void>;
}

/**
 * What every adapter of the ledger port must do: the in-memory twin runs it in `npm test`,
 * the MongoDB adapter against a real server in `npm run test:int`. Each test gets an empty
 * ledger of its own.
 */
export function describeLedgerRepositoryContract(name: string, makeRepository: () => Promise<LedgerUnderTest>): void {
  describe(`${name} (ledger repository contract)`, () => {
    const opened: LedgerUnderTest[] = [];

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((under) => under.close()));
    });

    /** A ledger with the house wallets, an agent, and a client funded by an opening entry. */
    async function aLedger(clientOpening = 500_000): Promise<LedgerRepository> {
      const under = await makeRepository();
      opened.push(under);
      const ledger = under.repository;
      await ledger.openWallet({ id: FUNDING, kind: 'SYSTEM', currency: XOF, allowNegative: true });
      await ledger.openWallet({ id: FEES, kind: 'SYSTEM', currency: XOF, allowNegative: false });
      await ledger.openWallet({ id: CLIENT, kind: 'MAIN', currency: XOF, ownerUserId: 'usr-client-0001', allowNegative: false });
      await ledger.openWallet({ id: FLOAT, kind: 'FLOAT', currency: XOF, ownerUserId: 'usr-agent-0001', allowNegative: false });
      await ledger.openWallet({ id: COMMISSION, kind: 'COMMISSION', currency: XOF, ownerUserId: 'usr-agent-0001', allowNegative: false });
      if (clientOpening > 0) {
        await ledger.post(anEntry(`opening-${CLIENT}`, [posting(FUNDING, -clientOpening), posting(CLIENT, clientOpening)]));
      }
      return ledger;
    }

    describe('wallets', () => {
      it('opens a wallet once: opening it again keeps the stored balance', async () => {
        const ledger = await aLedger(1_000);

        await ledger.openWallet({ id: CLIENT, kind: 'MAIN', currency: XOF, allowNegative: false });

        expect(await ledger.findWallet(CLIENT)).toMatchObject({ id: CLIENT, ownerUserId: 'usr-client-0001', balance: 1_000 });
        expect(await balanceOf(ledger, CLIENT)).toBe(1_000);
      });

      it('hands out copies: changing a returned wallet changes nothing stored', async () => {
        const ledger = await aLedger(1_000);

        const wallet = await ledger.findWallet(CLIENT);
        if (!wallet) throw new Error('wallet missing');
        wallet.balance = 9_999_999;
        wallet.holds.stolen = 1;

        expect(await ledger.findWallet(CLIENT)).toMatchObject({ balance: 1_000, holds: {} });
      });
    });

    describeHoldsContract(aLedger);

    describe('post', () => {
      it('applies every posting of an entry and records it', async () => {
        const ledger = await aLedger(500_000);

        expect(await ledger.post(aCashOut())).toMatchObject({ kind: 'posted' });

        expect(await balanceOf(ledger, CLIENT)).toBe(489_750);
        expect(await balanceOf(ledger, FLOAT)).toBe(10_000);
        expect(await balanceOf(ledger, FEES)).toBe(250);
        expect(await ledger.findEntry('cashout-intent-1')).toEqual(aCashOut());
      });

      it("tells the debited wallet's balance right after the entry's debit, also to a repeated post", async () => {
        const ledger = await aLedger(500_000);

        expect(await ledger.post(aCashOut())).toEqual({ kind: 'posted', debitedBalance: 489_750 });
        await ledger.post(anEntry('later-debit', [posting(CLIENT, -1_000), posting(FLOAT, 1_000)]));
        expect(await ledger.post(aCashOut())).toEqual({ kind: 'duplicate', debitedBalance: 489_750 });
      });

      it('posts an entry once: the same entry again is a duplicate and moves no money', async () => {
        const ledger = await aLedger(500_000);
        await ledger.post(aCashOut());

        expect(await ledger.post(aCashOut())).toMatchObject({ kind: 'duplicate' });

        expect(await balanceOf(ledger, CLIENT)).toBe(489_750);
        expect(await balanceOf(ledger, FLOAT)).toBe(10_000);
        expect((await ledger.allEntries()).filter((entry) => entry.kind === 'CASH_OUT')).toHaveLength(1);
      });

      it('posts an entry once when the same entry is posted concurrently', async () => {
        const ledger = await aLedger(500_000);

        const outcomes = await Promise.all(Array.from({ length: 10 }, () => ledger.post(aCashOut())));

        expect(outcomes.filter((outcome) => outcome.kind === 'posted')).toHaveLength(1);
        expect(outcomes.filter((outcome) => outcome.kind === 'duplicate')).toHaveLength(9);
        expect(await balanceOf(ledger, CLIENT)).toBe(489_750);
        expect(await balanceOf(ledger, FEES)).toBe(250);
      });

      it('refuses an unbalanced entry and changes nothing', async () => {
        const ledger = await aLedger(1_000);

        const outcome = await ledger.post(anEntry('bad', [posting(CLIENT, -500), posting(FLOAT, 400)]));

        expect(outcome).toMatchObject({ kind: 'refused' });
        expect(await balanceOf(ledger, CLIENT)).toBe(1_000);
        expect(await balanceOf(ledger, FLOAT)).toBe(0);
        expect(await ledger.findEntry('bad')).toBeUndefined();
      });

      it('refuses an entry that would overdraw a customer wallet and changes no wallet, even those checked first', async () => {
        const ledger = await aLedger(1_000);

        // The credit comes first, so a half-applied entry would show on FLOAT.
        const outcome = await ledger.post(anEntry('overdraft', [posting(FLOAT, 1_001), posting(CLIENT, -1_001)]));

        expect(outcome).toEqual({ kind: 'refused', reason: `wallet ${CLIENT} would go negative` });
        expect(await balanceOf(ledger, CLIENT)).toBe(1_000);
        expect(await balanceOf(ledger, FLOAT)).toBe(0);
        expect(await ledger.findEntry('overdraft')).toBeUndefined();
      });

      it('refuses an entry that debits two wallets that must not go negative, and changes nothing', async () => {
        const ledger = await aLedger(1_000);
        await ledger.placeHold(CLIENT, 'hold-x', 400);

        const outcome = await ledger.post(anEntry('two-debits', [posting(CLIENT, -500), posting(FLOAT, -1), posting(FEES, 501)], { capturesHoldId: 'hold-x' }));

        expect(outcome).toEqual({ kind: 'refused', reason: 'an entry may debit at most one wallet that must not go negative' });
        expect(await ledger.findWallet(CLIENT)).toMatchObject({ balance: 1_000, holds: { 'hold-x': 400 } });
        expect(await balanceOf(ledger, FEES)).toBe(0);
        expect(await ledger.findEntry('two-debits')).toBeUndefined();
        expect(reconcile(await ledger.allWallets(), await ledger.allEntries()).balanced).toBe(true);
      });

      it('accepts hold and entry ids that are not valid field names', async () => {
        const ledger = await aLedger(1_000);

        expect(await ledger.placeHold(CLIENT, 'hold.with.$dots%2E', 300)).toEqual({ kind: 'placed' });
        expect(await ledger.post(anEntry('entry.$1', [posting(CLIENT, -700), posting(FLOAT, 700)], { capturesHoldId: 'hold.with.$dots%2E' }))).toMatchObject({
          kind: 'posted',
        });

        expect(await ledger.findWallet(CLIENT)).toMatchObject({ balance: 300, holds: {} });
        expect(await ledger.findEntry('entry.$1')).toBeDefined();
      });

      it('keeps a refusal for funds final: the same entry id stays refused once funds arrive, a new id posts', async () => {
        const ledger = await aLedger(1_000);
        await ledger.post(anEntry('later', [posting(CLIENT, -2_000), posting(FLOAT, 2_000)]));
        await ledger.post(anEntry('top-up', [posting(FUNDING, -1_000), posting(CLIENT, 1_000)]));

        expect(await ledger.post(anEntry('later', [posting(CLIENT, -2_000), posting(FLOAT, 2_000)]))).toMatchObject({ kind: 'refused' });
        expect(await ledger.post(anEntry('later-2', [posting(CLIENT, -2_000), posting(FLOAT, 2_000)]))).toMatchObject({ kind: 'posted' });
        expect(await balanceOf(ledger, CLIENT)).toBe(0);
        expect(await balanceOf(ledger, FLOAT)).toBe(2_000);
      });

      it('refuses a posting to an unknown wallet or in the wrong currency', async () => {
        const ledger = await aLedger(1_000);

        expect(await ledger.post(anEntry('ghost', [posting(CLIENT, -1), posting('wlt-ghost', 1)]))).toMatchObject({ kind: 'refused' });
        expect(await ledger.post(anEntry('eur', [posting(CLIENT, -1, 'EUR'), posting(FLOAT, 1, 'EUR')]))).toMatchObject({
          kind: 'refused',
        });
        expect(await balanceOf(ledger, CLIENT)).toBe(1_000);
      });

      it('does not let other holds be spent: a debit must fit the available balance', async () => {
        const ledger = await aLedger(10_000);
        await ledger.placeHold(CLIENT, 'someone-else', 5_000);

        const outcome = await ledger.post(anEntry('spend', [posting(CLIENT, -5_001), posting(FLOAT, 5_001)]));

        expect(outcome).toMatchObject({ kind: 'refused' });
        expect(await balanceOf(ledger, CLIENT)).toBe(10_000);
      });

      it('captures the hold it names: the held funds are spent once and the hold is gone', async () => {
        const ledger = await aLedger(10_250);
        await ledger.placeHold(CLIENT, 'hold-cashout-intent-1', 10_250);

        expect(await ledger.post(aCashOut())).toMatchObject({ kind: 'posted' });

        const client = await ledger.findWallet(CLIENT);
        expect(client).toMatchObject({ balance: 0, holds: {} });
        expect(client && available(client)).toBe(0);
      });

      it('keeps other holds when capturing one', async () => {
        const ledger = await aLedger(20_000);
        await ledger.placeHold(CLIENT, 'hold-cashout-intent-1', 10_250);
        await ledger.placeHold(CLIENT, 'other', 1_000);

        await ledger.post(aCashOut());

        expect(await ledger.findWallet(CLIENT)).toMatchObject({ balance: 9_750, holds: { other: 1_000 } });
        expect(await availableOf(ledger, CLIENT)).toBe(8_750);
      });

      it('lets the funding wallet go negative (it issues e-money), and no customer wallet', async () => {
        const ledger = await aLedger(0);

        expect(await ledger.post(anEntry('issue', [posting(FUNDING, -1_000_000), posting(CLIENT, 1_000_000)]))).toMatchObject({ kind: 'posted' });
        expect(await balanceOf(ledger, FUNDING)).toBe(-1_000_000);
        expect(await ledger.post(anEntry('overdraw', [posting(CLIENT, -1_000_001), posting(FUNDING, 1_000_001)]))).toMatchObject({
          kind: 'refused',
        });
      });

      it('takes house legs without a per-leg check (no sequence to serialise on), and reconciliation flags a negative fee wallet', async () => {
        const ledger = await aLedger(0);

        expect(await ledger.post(anEntry('fees-out', [posting(FEES, -1), posting(FUNDING, 1)]))).toMatchObject({ kind: 'posted' });

        const report = reconcile(await ledger.allWallets(), await ledger.allEntries());
        expect(report.balanced).toBe(false);
        expect(report.mismatches).toEqual([]);
      });

      it('never loses a credit when many entries credit one wallet at once (customer and house wallets)', async () => {
        const ledger = await aLedger(0);

        await Promise.all(
          Array.from({ length: 30 }, (_, index) => ledger.post(anEntry(`credit-${index}`, [posting(FUNDING, -110), posting(FLOAT, 100), posting(FEES, 10)]))),
        );

        expect(await balanceOf(ledger, FLOAT)).toBe(3_000);
        expect(await balanceOf(ledger, FEES)).toBe(300);
        expect(reconcile(await ledger.allWallets(), await ledger.allEntries()).balanced).toBe(true);
      });

      it('moves nothing when a posted entry is delivered again with new content under the same id', async () => {
        const ledger = await aLedger(10_000);
        await ledger.post(anEntry('once', [posting(CLIENT, -1_000), posting(FLOAT, 1_000)]));

        expect(await ledger.post(anEntry('once', [posting(CLIENT, -5_000), posting(FLOAT, 5_000)]))).toMatchObject({ kind: 'duplicate' });

        expect(await balanceOf(ledger, CLIENT)).toBe(9_000);
        expect(await balanceOf(ledger, FLOAT)).toBe(1_000);
      });

      it('never takes a customer wallet below zero under many concurrent debits', async () => {
        const ledger = await aLedger(10_000);

        const outcomes = await Promise.all(
          Array.from({ length: 30 }, (_, index) => ledger.post(anEntry(`debit-${index}`, [posting(CLIENT, -1_000), posting(FLOAT, 1_000)]))),
        );

        expect(outcomes.filter((outcome) => outcome.kind === 'posted')).toHaveLength(10);
        expect(await balanceOf(ledger, CLIENT)).toBe(0);
        expect(await balanceOf(ledger, FLOAT)).toBe(10_000);
        expect(reconcile(await ledger.allWallets(), await ledger.allEntries()).balanced).toBe(true);
      });

      it('never takes a customer wallet below zero when many cash-outs race for holds then post', async () => {
        const ledger = await aLedger(50_000);
        const intents = Array.from({ length: 10 }, (_, index) => `intent-${index}`);

        await Promise.all(
          intents.map(async (intentId) => {
            const hold = await ledger.placeHold(CLIENT, `hold-cashout-${intentId}`, 10_250);
            if (hold.kind === 'placed') await ledger.post(aCashOut(intentId));
          }),
        );

        expect(await balanceOf(ledger, CLIENT)).toBe(50_000 - 4 * 10_250);
        expect((await ledger.allEntries()).filter((entry) => entry.kind === 'CASH_OUT')).toHaveLength(4);
        expect(reconcile(await ledger.allWallets(), await ledger.allEntries()).balanced).toBe(true);
      });

      // An entry's postings to one wallet count as their sum: two debits cannot each pass alone.
      it('never takes a customer wallet below zero when one entry debits it twice', async () => {
        const ledger = await aLedger(1_000);

        const outcome = await ledger.post(anEntry('double-debit', [posting(CLIENT, -600), posting(CLIENT, -600), posting(FLOAT, 1_200)]));

        expect(outcome).toMatchObject({ kind: 'refused' });
        expect(await balanceOf(ledger, CLIENT)).toBe(1_000);
      });
    });

    describe('reconcile', () => {
      it('is balanced after openings, cash-outs and commissions', async () => {
        const ledger = await aLedger(500_000);
        await ledger.placeHold(CLIENT, 'hold-cashout-intent-1', 10_250);
        await ledger.post(aCashOut());
        await ledger.post(
          commissionEntry({
            intentId: 'intent-1',
            feesWalletId: FEES,
            agentCommissionWalletId: COMMISSION,
            commission: 100,
            currency: XOF,
            at: AT,
          }) as JournalEntry,
        );

        const report = reconcile(await ledger.allWallets(), await ledger.allEntries());

        expect(report).toEqual({ balanced: true, walletsChecked: 5, mismatches: [], totalsByCurrency: { XOF: 0 } });
        expect(await balanceOf(ledger, COMMISSION)).toBe(100);
        expect(await balanceOf(ledger, FEES)).toBe(150);
      });

      it('detects a wallet whose balance was tampered with', async () => {
        const ledger = await aLedger(500_000);
        await ledger.post(aCashOut());
        const wallets = await ledger.allWallets();
        const client = wallets.find((wallet) => wallet.id === CLIENT) as Wallet;
        client.balance += 1;

        const report = reconcile(wallets, await ledger.allEntries());

        expect(report.balanced).toBe(false);
        expect(report.mismatches).toEqual([{ walletId: CLIENT, balance: 489_751, postings: 489_750 }]);
      });

      it('detects postings to a wallet that does not exist', async () => {
        const ledger = await aLedger(500_000);
        const wallets = (await ledger.allWallets()).filter((wallet) => wallet.id !== CLIENT);

        const report = reconcile(wallets, await ledger.allEntries());

        expect(report.balanced).toBe(false);
        expect(report.mismatches).toEqual([{ walletId: CLIENT, balance: 0, postings: 500_000 }]);
      });
    });
  });
}

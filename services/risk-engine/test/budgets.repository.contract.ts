import { BudgetsRepository } from '../src/budgets.repository.port';

export interface BudgetsFixture {
  repository: BudgetsRepository;
  close(): Promise<void>;
}

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** The behaviour both adapters (in memory, Redis) must show. */
export function describeBudgetsRepositoryContract(label: string, open: () => Promise<BudgetsFixture>): void {
  describe(`budgets repository contract (${label})`, () => {
    let fixture: BudgetsFixture;
    let budgets: BudgetsRepository;

    beforeEach(async () => {
      fixture = await open();
      budgets = fixture.repository;
    });

    afterEach(async () => {
      await fixture.close();
    });

    it('admits up to the limit, then refuses naming the full budget and when its oldest member goes', async () => {
      const claims = [{ key: 'open:agent:a1', limit: 2 }];
      expect(await budgets.admit('i1', claims, at(600), at(0))).toEqual({ admitted: true });
      expect(await budgets.admit('i2', claims, at(900), at(10))).toEqual({ admitted: true });
      expect(await budgets.admit('i3', claims, at(900), at(20))).toEqual({ admitted: false, key: 'open:agent:a1', retryAfterMs: 580_000 });
    });

    it('admits a member already counted again without counting it twice (a redelivery)', async () => {
      const claims = [{ key: 'sends:client:c1', limit: 1 }];
      expect(await budgets.admit('otp-1', claims, at(3600), at(0))).toEqual({ admitted: true });
      expect(await budgets.admit('otp-1', claims, at(3600), at(5))).toEqual({ admitted: true });
      expect((await budgets.admit('otp-2', claims, at(3600), at(6))).admitted).toBe(false);
    });

    it('is all or nothing across claims: a refusal counts the member nowhere', async () => {
      const agent = { key: 'open:agent:a1', limit: 5 };
      const client = { key: 'open:client:c1', limit: 1 };
      expect(await budgets.admit('i1', [agent, client], at(600), at(0))).toEqual({ admitted: true });
      expect(await budgets.admit('i2', [agent, client], at(600), at(1))).toMatchObject({ admitted: false, key: 'open:client:c1' });
      // i2 took nothing from the agent's budget: four more fit there.
      for (const id of ['i3', 'i4', 'i5', 'i6']) expect((await budgets.admit(id, [agent], at(600), at(2))).admitted).toBe(true);
      expect((await budgets.admit('i7', [agent], at(600), at(2))).admitted).toBe(false);
    });

    it('frees room when a member is removed or stops counting', async () => {
      const claims = [{ key: 'open:client:c1', limit: 1 }];
      expect((await budgets.admit('i1', claims, at(600), at(0))).admitted).toBe(true);
      await budgets.remove('i1', ['open:client:c1']);
      expect((await budgets.admit('i2', claims, at(600), at(1))).admitted).toBe(true);
      expect((await budgets.admit('i3', claims, at(900), at(599))).admitted).toBe(false);
      expect((await budgets.admit('i3', claims, at(1200), at(600))).admitted).toBe(true);
    });

    it('keeps budgets of different keys apart, and removing an unknown member changes nothing', async () => {
      await budgets.remove('nobody', ['open:client:c9']);
      expect((await budgets.admit('i1', [{ key: 'open:client:c1', limit: 1 }], at(600), at(0))).admitted).toBe(true);
      expect((await budgets.admit('i2', [{ key: 'open:client:c2', limit: 1 }], at(600), at(0))).admitted).toBe(true);
    });

    it('never lets concurrent admissions pass the limit together', async () => {
      const claims = [{ key: 'open:agent:busy', limit: 3 }];
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => budgets.admit(`i${i}`, claims, at(600), at(0))));
      expect(results.filter((result) => result.admitted)).toHaveLength(3);
    });
  });
}

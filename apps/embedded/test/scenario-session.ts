import { Env } from '@cashout/platform';
import { bearer, Harness, IntentBody, IntentDriver, startHarness, SystemFactory } from './harness';

/** What a scenario file's tests share: the running system and the usual ways into it. */
export interface ScenarioSession {
  /** The system booted last (by `boot`) in this test. */
  readonly harness: Harness;
  /** Starts a fresh system from the factory, with `env` over the test defaults. */
  boot(env?: Env): Promise<Harness>;
  /** Closes the system unchecked: to boot again with other settings, or where no admin can read the reconciliation. */
  close(): Promise<void>;
  /** A driver acting as the CMMS operator. */
  cmms(): Promise<IntentDriver>;
  /** The intent as the admin reads it. */
  getIntent(id: string): Promise<IntentBody>;
}

/**
 * A describe block whose tests each boot their own system (`session.boot`, once or again with
 * other settings) and, after each test that booted one, prove the journal intact and balanced
 * before closing it: every HTTP scenario must leave the money exact, whatever it refused. The
 * same blocks run on the embedded default and on the distributed stack, so the check is here
 * once rather than in each scenario file.
 */
export function describeScenarioSession(title: string, factory: SystemFactory, body: (session: ScenarioSession) => void): void {
  describe(title, () => {
    let current: Harness | undefined;

    const session: ScenarioSession = {
      get harness(): Harness {
        if (!current) throw new Error('no system booted in this test: call session.boot() first');
        return current;
      },
      async boot(env: Env = {}) {
        current = await startHarness(factory, env);
        return current;
      },
      async close() {
        const harness = current;
        current = undefined;
        await harness?.close();
      },
      async cmms() {
        return new IntentDriver(session.harness, await session.harness.token('operator'));
      },
      async getIntent(id: string) {
        const response = await session.harness
          .http()
          .get(`/intents/${id}`)
          .set(bearer(await session.harness.token('admin')));
        return response.body as IntentBody;
      },
    };

    afterEach(async () => {
      const harness = current;
      if (!harness) return;
      current = undefined;
      const report = await harness.reconciliation();
      await harness.close();
      expect(report.balanced).toBe(true);
      expect(report.intact).toBe(true);
      expect(report.mismatches).toEqual([]);
    });

    body(session);
  });
}

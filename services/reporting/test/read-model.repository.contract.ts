import { foldIntentEvent, IntentFacts, Position } from '../src/domain/intent-facts';
import { ReadModelRepository } from '../src/read-model.repository.port';
import { AGENT, eventOf, OTHER_AGENT, SUCCEEDED_STEPS, viewOf } from './intent-views';

export interface UnderTest<T> {
  repository: T;
  close: () => Promise<void>;
}

const factsOf = (id: string, steps: number, position: Position, options: Parameters<typeof viewOf>[2] = {}): IntentFacts => {
  const folded = foldIntentEvent(undefined, eventOf(viewOf(id, SUCCEEDED_STEPS.slice(0, steps), options)), position);
  if (folded.kind !== 'applied') throw new Error('not applied');
  return folded.facts;
};

/**
 * What every adapter of the read-model port must do: the in-memory twin runs it in
 * `npm test`, the MongoDB adapter against a real server in `npm run test:int`.
 */
export function describeReadModelRepositoryContract(name: string, makeRepository: () => Promise<UnderTest<ReadModelRepository>>): void {
  describe(`${name} (reporting read-model repository contract)`, () => {
    let under: UnderTest<ReadModelRepository>;
    let readModel: ReadModelRepository;

    beforeEach(async () => {
      under = await makeRepository();
      readModel = under.repository;
    });

    afterEach(async () => {
      await under.close();
    });

    it('counts the intents in each status', async () => {
      expect(await readModel.countByStatus()).toEqual({});

      await readModel.save(factsOf('i-1', 6, { partition: 0, offset: 1 }));
      await readModel.save(factsOf('i-2', 6, { partition: 1, offset: 1 }));
      await readModel.save(factsOf('i-3', 2, { partition: 0, offset: 2 }));
      await readModel.save(factsOf('i-3', 4, { partition: 0, offset: 3 }));

      expect(await readModel.countByStatus()).toEqual({ SUCCEEDED: 2, PIN_VERIFIED: 1 });
    });

    it('stores the facts of an intent whole, with their position, and reads them back', async () => {
      const facts = factsOf('i-1', 6, { partition: 2, offset: 7 });

      await readModel.save(facts);

      expect(await readModel.findIntent('i-1')).toEqual(facts);
      expect(await readModel.findIntent('i-unknown')).toBeUndefined();
    });

    it('replaces the facts with those of a later event, and keeps them against an earlier one', async () => {
      await readModel.save(factsOf('i-1', 2, { partition: 2, offset: 7 }));
      await readModel.save(factsOf('i-1', 6, { partition: 2, offset: 20 }));

      await readModel.save(factsOf('i-1', 3, { partition: 2, offset: 9 }));
      await readModel.save(factsOf('i-1', 6, { partition: 2, offset: 20 }));

      expect(await readModel.findIntent('i-1')).toEqual(factsOf('i-1', 6, { partition: 2, offset: 20 }));
    });

    it('knows the last offset applied in each partition', async () => {
      expect(await readModel.lastAppliedOffset(2)).toBeUndefined();

      await readModel.save(factsOf('i-1', 1, { partition: 2, offset: 3 }));
      await readModel.save(factsOf('i-2', 1, { partition: 2, offset: 4 }));
      await readModel.save(factsOf('i-1', 2, { partition: 2, offset: 8 }));
      await readModel.save(factsOf('i-3', 1, { partition: 5, offset: 1 }));

      expect(await readModel.lastAppliedOffset(2)).toBe(8);
      expect(await readModel.lastAppliedOffset(5)).toBe(1);
      expect(await readModel.lastAppliedOffset(0)).toBeUndefined();
    });

    it("finds an agent's intents by UTC day, both ends included, and the agent's user id by phone", async () => {
      await readModel.save(factsOf('i-1', 6, { partition: 0, offset: 0 }, { createdAt: '2026-11-26T23:59:59.999Z' }));
      await readModel.save(factsOf('i-2', 6, { partition: 0, offset: 1 }, { createdAt: '2026-11-27T00:00:00.000Z' }));
      await readModel.save(factsOf('i-3', 6, { partition: 0, offset: 2 }, { createdAt: '2026-11-28T12:00:00.000Z' }));
      await readModel.save(factsOf('i-4', 6, { partition: 0, offset: 3 }, { createdAt: '2026-11-29T00:00:00.000Z' }));
      await readModel.save(factsOf('i-5', 6, { partition: 0, offset: 4 }, { agent: OTHER_AGENT }));

      const found = await readModel.factsOfAgent(AGENT.phone, '2026-11-27', '2026-11-28');

      expect(found.map((facts) => facts.intentId).sort()).toEqual(['i-2', 'i-3']);
      expect(await readModel.agentUserIdOf(AGENT.phone)).toBe(AGENT.userId);
      expect(await readModel.agentUserIdOf(OTHER_AGENT.phone)).toBe(OTHER_AGENT.userId);
      expect(await readModel.agentUserIdOf('+2250500000009')).toBeUndefined();
    });
  });
}

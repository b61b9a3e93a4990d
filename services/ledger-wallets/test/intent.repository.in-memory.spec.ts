import { writeStream } from '@cashout/platform';
import { IntentState } from '../src/domain/intent';
import { InMemoryIntentRepository } from '../src/infrastructure/in-memory-intent.repository';
import { describeIntentRepositoryContract } from './intent.repository.contract';

describeIntentRepositoryContract('InMemoryIntentRepository', async () => ({
  repository: new InMemoryIntentRepository(),
  close: async () => undefined,
}));

describe('InMemoryIntentRepository list index', () => {
  const minute = (m: number) => `2026-01-15T10:${String(m).padStart(2, '0')}:00.000Z`;
  const intent = (id: string, createdAt: string, phase: IntentState['phase'] = 'CREATED') =>
    ({ id, phase, createdAt, updatedAt: createdAt, expiresAt: minute(59), history: [] }) as unknown as IntentState;
  const store = (repository: InMemoryIntentRepository, state: IntentState) =>
    writeStream(repository.streams, state.id, () => ({ write: { state }, result: undefined }));

  it('orders by creation time whatever order the streams started in, and reads each intent as it is now', async () => {
    const repository = new InMemoryIntentRepository();
    await store(repository, intent('late', minute(5)));
    await store(repository, intent('early', minute(1)));
    await store(repository, intent('middle', minute(3)));
    await store(repository, intent('early', minute(1), 'SUCCEEDED'));

    expect((await repository.list({ limit: 10 })).items.map((state) => state.id)).toEqual(['late', 'middle', 'early']);
    expect((await repository.list({ limit: 10, status: 'SUCCEEDED' })).items.map((state) => state.id)).toEqual(['early']);
    const first = await repository.list({ limit: 1 });
    expect((await repository.list({ limit: 5, after: first.next ?? undefined })).items.map((state) => state.id)).toEqual(['middle', 'early']);
  });
});

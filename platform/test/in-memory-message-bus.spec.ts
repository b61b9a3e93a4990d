import { InMemoryMessageBus } from '../src/messaging/in-memory-message-bus';
import { describeMessageBusContract } from './message-bus.contract';

describeMessageBusContract(
  'in-memory',
  async () => {
    const bus = new InMemoryMessageBus({ maxAttempts: 3, backoffMs: () => 5 });
    return {
      bus,
      createTopic: async () => undefined,
      close: () => bus.stop(),
    };
  },
  20,
);

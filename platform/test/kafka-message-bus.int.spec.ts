import { realServers } from '@cashout/testkit';
import { KafkaMessageBus } from '../src/messaging/kafka-message-bus';
import { TOPIC_CATALOGUE } from '@cashout/shared-contracts';
import { describeMessageBusContract } from './message-bus.contract';

jest.setTimeout(120_000);

describeMessageBusContract('kafka', async () => {
  const { kafkaBrokers } = realServers();
  const bus = new KafkaMessageBus({ brokers: kafkaBrokers, clientId: 'contract', maxAttempts: 3, backoffMs: () => 50 });
  await bus.ensureTopics(TOPIC_CATALOGUE);
  return {
    bus,
    createTopic: (name, partitions) =>
      bus.ensureTopics([{ name: name as never, partitions, retentionMs: 3_600_000, cleanupPolicy: 'delete' }]),
    close: () => bus.stop(),
  };
}, 1_000);

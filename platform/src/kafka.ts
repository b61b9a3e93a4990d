/**
 * `@cashout/platform/kafka`: the Kafka adapter of the bus, and the runner of a service as a
 * process of its own on it. Only composition roots (`main.ts`, `*.module.ts`) and adapters
 * import it, so code that runs on the embedded bus never loads kafkajs.
 */
export * from './messaging/kafka-message-bus';
export * from './nest/run-service-process';
export * from './messaging/kafka-bus-settings';

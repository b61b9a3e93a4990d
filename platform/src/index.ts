/**
 * `@cashout/platform`: what every service uses whatever it runs on — the bus port and the
 * in-process bus, messages, the outbox relay, in-memory stores, configuration, security,
 * logging, metrics, Nest glue. The drivers' adapters are entry points of their own:
 * `@cashout/platform/kafka`, `@cashout/platform/mongo`, `@cashout/platform/redis`.
 */
export * from './messaging/message-bus.port';
export * from './messaging/in-memory-message-bus';
export * from './messaging/message-factory';
export * from './messaging/consume-messages';
export * from './outbox/outbox-relay';
export * from './persistence/in-memory-collection';
export * from './persistence/immutable';
export * from './persistence/stream-store.port';
export * from './persistence/in-memory-stream-store';
export * from './persistence/versioned-documents';
export * from './security/sealed-box';
export * from './security/jwt';
export * from './clock';
export * from './nest/platform.module';
export * from './demo/demo-data';
export * from './demo/load-data';
export * from './demo/seed-plan';
export * from './config/env';
export * from './config/secrets';
export * from './config/repo-root';
export * from './logging/mask-phones';
export * from './logging/platform-logger';
export * from './metrics/platform-metrics';
export * from './metrics/process-metrics.server';

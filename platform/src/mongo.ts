/**
 * `@cashout/platform/mongo`: the MongoDB connection, its helpers and the stream store on it.
 * Only composition roots and `infrastructure/` adapters import it, so a service loads mongoose
 * only where it runs on MongoDB.
 */
export * from './persistence/mongo-connection';
export * from './persistence/mongo-support';
export * from './persistence/mongo-stream-store';

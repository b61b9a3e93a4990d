/**
 * `@cashout/platform/redis`: the Redis connection and its closer. Only composition roots and
 * `infrastructure/` adapters import it, so a service loads ioredis only where it uses Redis.
 */
export * from './persistence/redis-connection';
export * from './persistence/redis-connection.closer';

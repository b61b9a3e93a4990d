import { InMemoryIdempotencyStore } from '../src/infrastructure/in-memory-idempotency.store';
import { InMemoryRateLimiter } from '../src/infrastructure/in-memory-rate-limiter';
import { idempotencyStoreContract } from './support/idempotency-store.contract';
import { rateLimiterContract } from './support/rate-limiter.contract';

idempotencyStoreContract('in-memory', (clock) => new InMemoryIdempotencyStore(clock));
rateLimiterContract('in-memory', (clock) => new InMemoryRateLimiter(clock));

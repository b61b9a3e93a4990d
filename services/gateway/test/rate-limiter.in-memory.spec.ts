import { InMemoryRateLimiter } from '../src/infrastructure/in-memory-rate-limiter';
import { rateLimiterContract } from './support/rate-limiter.contract';

rateLimiterContract('in-memory', async (clock) => ({ limiter: new InMemoryRateLimiter(clock), close: async () => undefined }));

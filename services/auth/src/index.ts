export { AuthModule } from './auth.module';
export { loadAuthConfig } from './auth.config';
export type { AuthConfig } from './auth.config';
export { AUTH_CONSUMER_GROUP } from './auth.messages-consumer';

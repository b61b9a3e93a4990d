/**
 * The pieces of the chaos suite other load tools share (`npm run bench`): the HTTP client of
 * the gateways, the OTP reader, the load population, stack settings and option parsing, and the audit that
 * proves the money exact after a run. One implementation, imported, never copied.
 */
export * from './http/gateway-client';
export * from './http/platform-api';
export * from './http/otp-reader';
export * from './domain/population';
export * from './domain/audit-input';
export * from './domain/invariant-checker';
export * from './audit/store-probe.port';
export * from './audit/redis-store.probe';
export * from './audit/collect-audit';
export * from './audit/quiesce';
export * from './stack-settings';
export { integer } from './options/chaos-options';

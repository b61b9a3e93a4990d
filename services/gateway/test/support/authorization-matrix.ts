import { Role } from '@cashout/shared-contracts';

/** Who may call a route: these roles, any signed-in user, or anyone without a token. */
export type Access = readonly Role[] | 'any' | 'public';

export interface Route {
  method: 'get' | 'post';
  /** As the OpenAPI document writes it ({id} for a path parameter). */
  path: string;
  access: Access;
}

const STEP_ROLES: readonly Role[] = ['AGENT', 'ADMIN', 'OPERATOR'];
const STAFF: readonly Role[] = ['ADMIN', 'OPERATOR'];

/**
 * Every route of the gateway and who may call it: the table the authorization-matrix test
 * holds the server (and the OpenAPI document) to. A change of access is a change here first.
 */
export const AUTHORIZATION_MATRIX: readonly Route[] = [
  { method: 'post', path: '/auth/login', access: 'public' },
  { method: 'post', path: '/customers/me/qr-token', access: ['CLIENT'] },
  { method: 'post', path: '/intents', access: STEP_ROLES },
  { method: 'get', path: '/intents', access: STEP_ROLES },
  { method: 'get', path: '/intents/{id}', access: STEP_ROLES },
  { method: 'get', path: '/intents/{id}/events', access: STEP_ROLES },
  { method: 'post', path: '/intents/{id}/send-otp', access: STEP_ROLES },
  { method: 'post', path: '/intents/{id}/verify-otp', access: STEP_ROLES },
  { method: 'post', path: '/intents/{id}/verify-pin', access: STEP_ROLES },
  { method: 'post', path: '/intents/{id}/confirm', access: STEP_ROLES },
  { method: 'post', path: '/intents/{id}/cancel', access: STEP_ROLES },
  { method: 'get', path: '/wallets/me', access: 'any' },
  { method: 'get', path: '/wallets', access: STAFF },
  { method: 'get', path: '/ledger/reconciliation', access: ['ADMIN'] },
  { method: 'get', path: '/reports/agents/{phone}/daily', access: ['ADMIN', 'OPERATOR', 'AGENT'] },
  { method: 'post', path: '/users/{id}/unlock', access: ['ADMIN'] },
  { method: 'get', path: '/sandbox/notifications', access: ['ADMIN'] },
  { method: 'get', path: '/sandbox/notifications/mine', access: ['CLIENT'] },
  { method: 'get', path: '/operations/dead-letters', access: ['ADMIN'] },
  { method: 'get', path: '/health', access: 'public' },
  { method: 'get', path: '/ready', access: 'public' },
  { method: 'get', path: '/metrics', access: 'public' },
  { method: 'get', path: '/cmms', access: 'public' },
  { method: 'get', path: '/docs', access: 'public' },
  { method: 'get', path: '/docs/openapi.json', access: 'public' },
];

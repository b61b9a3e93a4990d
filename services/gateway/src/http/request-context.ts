import type { Request } from 'express';
import { Actor } from '@cashout/shared-contracts';

/** What the gateway attaches to each request on its way through. */
export interface GatewayRequest extends Request {
  correlationId?: string;
  actor?: Actor;
  /** The caller's bearer token: forwarded (sealed) only to verify an agent's PIN. */
  bearerToken?: string;
}

export interface Caller {
  actor: Actor;
  bearerToken: string;
  correlationId: string;
}

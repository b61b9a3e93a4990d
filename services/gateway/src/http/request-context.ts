import type { Request, Response } from 'express';
import { Actor } from '@cashout/shared-contracts';

/**
 * The response a controller sets a status or headers on, or streams to: express's, named here
 * so that express stays in the HTTP layer (the lint allows it only there).
 */
export type GatewayResponse = Response;

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

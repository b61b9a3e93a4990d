import { ClientProfile, IntentChannel } from '@cashout/shared-contracts';
import { CustomerProfile } from './customer-profile';
import { Decision, accept, invalidField, refuse } from './decision';
import { ResolvedAgent } from './resolve-agent';

/** How the client is designated: by phone, or by a single-use QR token it showed the agent. */
export type ClientLookup = { by: 'phone'; phone: string } | { by: 'qr-token'; token: string };

export interface ClientDesignation {
  channel: IntentChannel;
  clientPhone?: string;
  clientQrToken?: string;
}

/** Exactly one designation, and QR tokens only where an agent can scan them (Mobile Pro). */
export function clientLookup(request: ClientDesignation): Decision<ClientLookup> {
  const { clientPhone, clientQrToken, channel } = request;
  if (clientPhone !== undefined && clientQrToken !== undefined) {
    return invalidField('clientQrToken', 'cannot be combined with clientPhone');
  }
  if (clientQrToken !== undefined) {
    if (channel !== 'MOBILE_PRO') return invalidField('clientQrToken', 'is only accepted on MOBILE_PRO');
    return accept({ by: 'qr-token', token: clientQrToken });
  }
  if (clientPhone === undefined) return invalidField('clientPhone', 'is required');
  return accept({ by: 'phone', phone: clientPhone });
}

export const CLIENT_NOT_FOUND = 'the client could not be found; check the number with the client';

/**
 * The client of the cash-out. Its status is passed on, not refused: the risk engine
 * refuses suspended or blocked customers with reasons the caller can show.
 */
export function resolveClient(lookup: ClientLookup, profile: CustomerProfile | undefined, agent: ResolvedAgent): Decision<ClientProfile> {
  const field = lookup.by === 'phone' ? 'clientPhone' : 'clientQrToken';
  // The same words for a number nobody has and for a user who is not a client, and the number
  // is not echoed: the answer confirms nothing about who is a customer.
  if (!profile || profile.role !== 'CLIENT') {
    return lookup.by === 'phone' ? refuse({ code: 'NOT_FOUND', message: CLIENT_NOT_FOUND }) : invalidField(field, 'is invalid or expired');
  }
  if (profile.userId === agent.userId || profile.phone === agent.phone) {
    return invalidField(field, 'must not be the agent');
  }
  const client: ClientProfile = {
    userId: profile.userId,
    phone: profile.phone,
    kycTier: profile.kycTier,
    status: profile.status,
  };
  if (profile.preferredChannel) client.preferredChannel = profile.preferredChannel;
  return accept(client);
}

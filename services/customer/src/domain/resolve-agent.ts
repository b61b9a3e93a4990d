import { Actor } from '@cashout/shared-contracts';
import { CustomerProfile } from './customer-profile';
import { Decision, accept, invalidField, refuse } from './decision';

/** Which profile stands for the agent: the one named by phone, or the caller's own. */
export type AgentLookup = { by: 'phone'; phone: string } | { by: 'self'; userId: string };

export interface ResolvedAgent {
  userId: string;
  phone: string;
}

/** Who may name the agent, and which profile to look up for it. */
export function agentLookup(actor: Actor, agentPhone: string | undefined): Decision<AgentLookup> {
  const backOffice = actor.role === 'ADMIN' || actor.role === 'OPERATOR';
  if (agentPhone !== undefined) {
    if (actor.role === 'AGENT') return refuse({ code: 'FORBIDDEN', message: 'an agent cannot act as another agent' });
    if (!backOffice) return refuse({ code: 'FORBIDDEN', message: 'only an admin or operator may name an agent' });
    return accept({ by: 'phone', phone: agentPhone });
  }
  if (backOffice) return invalidField('agentPhone', 'is required');
  if (actor.role !== 'AGENT') return refuse({ code: 'FORBIDDEN', message: 'only an agent may run a cash-out' });
  return accept({ by: 'self', userId: actor.userId });
}

/** The agent on whose behalf the intent runs: an existing, active AGENT profile. */
export function resolveAgent(lookup: AgentLookup, profile: CustomerProfile | undefined): Decision<ResolvedAgent> {
  if (!profile || profile.role !== 'AGENT') {
    return lookup.by === 'phone'
      ? refuse({ code: 'NOT_FOUND', message: `no agent with phone ${lookup.phone}` })
      : refuse({ code: 'FORBIDDEN', message: 'the caller has no agent profile' });
  }
  if (profile.status !== 'ACTIVE') return refuse({ code: 'FORBIDDEN', message: 'agent is not active' });
  return accept({ userId: profile.userId, phone: profile.phone });
}

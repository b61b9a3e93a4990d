import { CustomerProfile } from '../src/domain/customer-profile';
import { agentLookup, resolveAgent } from '../src/domain/resolve-agent';

const agent: CustomerProfile = { userId: 'usr-agent-1', phone: '+2250500000001', role: 'AGENT', kycTier: 2, status: 'ACTIVE' };
const client: CustomerProfile = { userId: 'usr-client-1', phone: '+2250100000001', role: 'CLIENT', kycTier: 2, status: 'ACTIVE' };

describe('agentLookup', () => {
  it('refuses an agent who names another agent (FORBIDDEN)', () => {
    // given an AGENT actor / when it gives agentPhone
    const decision = agentLookup({ userId: 'usr-agent-1', role: 'AGENT' }, '+2250500000002');
    // then
    expect(decision).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'an agent cannot act as another agent' } });
  });

  it.each(['ADMIN', 'OPERATOR'] as const)('lets an %s name the agent by phone', (role) => {
    const decision = agentLookup({ userId: 'usr-staff', role }, '+2250500000002');
    expect(decision).toEqual({ ok: true, value: { by: 'phone', phone: '+2250500000002' } });
  });

  it.each(['ADMIN', 'OPERATOR'] as const)('requires agentPhone from an %s (VALIDATION_FAILED)', (role) => {
    const decision = agentLookup({ userId: 'usr-staff', role }, undefined);
    expect(decision).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'agentPhone is required', details: [{ field: 'agentPhone', message: 'is required' }] },
    });
  });

  it('looks up the calling agent itself when no agentPhone is given', () => {
    const decision = agentLookup({ userId: 'usr-agent-1', role: 'AGENT' }, undefined);
    expect(decision).toEqual({ ok: true, value: { by: 'self', userId: 'usr-agent-1' } });
  });

  it('refuses a client caller (FORBIDDEN)', () => {
    const decision = agentLookup({ userId: 'usr-client-1', role: 'CLIENT' }, undefined);
    expect(decision.ok || decision.error.code).toBe('FORBIDDEN');
  });

  it('refuses a client caller who names an agent (FORBIDDEN)', () => {
    const decision = agentLookup({ userId: 'usr-client-1', role: 'CLIENT' }, '+2250500000001');
    expect(decision.ok || decision.error.code).toBe('FORBIDDEN');
  });
});

describe('resolveAgent', () => {
  const byPhone = { by: 'phone', phone: agent.phone } as const;
  const self = { by: 'self', userId: agent.userId } as const;

  it('resolves an active agent named by phone', () => {
    expect(resolveAgent(byPhone, agent)).toEqual({ ok: true, value: { userId: agent.userId, phone: agent.phone } });
  });

  it('refuses an unknown agent phone (NOT_FOUND)', () => {
    expect(resolveAgent(byPhone, undefined)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: `no agent with phone ${agent.phone}` },
    });
  });

  it('refuses a phone that belongs to a client, not an agent (NOT_FOUND)', () => {
    const decision = resolveAgent({ by: 'phone', phone: client.phone }, client);
    expect(decision.ok || decision.error.code).toBe('NOT_FOUND');
  });

  it.each(['SUSPENDED', 'BLOCKED'] as const)('refuses a %s agent (FORBIDDEN "agent is not active")', (status) => {
    expect(resolveAgent(byPhone, { ...agent, status })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'agent is not active' },
    });
  });

  it('resolves the calling agent from its own active profile', () => {
    expect(resolveAgent(self, agent)).toEqual({ ok: true, value: { userId: agent.userId, phone: agent.phone } });
  });

  it('refuses a calling agent without a profile (FORBIDDEN)', () => {
    const decision = resolveAgent(self, undefined);
    expect(decision.ok || decision.error.code).toBe('FORBIDDEN');
  });

  it('refuses a calling agent whose own profile is not active (FORBIDDEN)', () => {
    expect(resolveAgent(self, { ...agent, status: 'SUSPENDED' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'agent is not active' },
    });
  });
});

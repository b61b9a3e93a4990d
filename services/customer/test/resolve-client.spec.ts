import { CustomerProfile } from '../src/domain/customer-profile';
import { CLIENT_NOT_FOUND, clientLookup, resolveClient } from '../src/domain/resolve-client';

const agent = { userId: 'usr-agent-1', phone: '+2250500000001' };
const client: CustomerProfile = {
  userId: 'usr-client-1',
  phone: '+2250100000001',
  role: 'CLIENT',
  kycTier: 2,
  status: 'ACTIVE',
  preferredChannel: 'WHATSAPP',
};

const fieldOf = (decision: { ok: boolean; error?: { details?: unknown } }) =>
  (decision.error?.details as Array<{ field: string; message: string }> | undefined)?.[0];

describe('clientLookup', () => {
  it('designates the client by phone', () => {
    expect(clientLookup({ channel: 'CMMS', clientPhone: client.phone })).toEqual({
      ok: true,
      value: { by: 'phone', phone: client.phone },
    });
  });

  it('designates the client by QR token on Mobile Pro', () => {
    expect(clientLookup({ channel: 'MOBILE_PRO', clientQrToken: 'abc.def' })).toEqual({
      ok: true,
      value: { by: 'qr-token', token: 'abc.def' },
    });
  });

  it('refuses neither phone nor token, naming clientPhone', () => {
    const decision = clientLookup({ channel: 'MOBILE_PRO' });
    expect(decision.ok || decision.error.code).toBe('VALIDATION_FAILED');
    expect(fieldOf(decision)).toEqual({ field: 'clientPhone', message: 'is required' });
  });

  it('refuses both phone and token, naming clientQrToken', () => {
    const decision = clientLookup({ channel: 'MOBILE_PRO', clientPhone: client.phone, clientQrToken: 'abc.def' });
    expect(decision.ok || decision.error.code).toBe('VALIDATION_FAILED');
    expect(fieldOf(decision)?.field).toBe('clientQrToken');
  });

  it('refuses a QR token outside Mobile Pro, naming clientQrToken', () => {
    const decision = clientLookup({ channel: 'CMMS', clientQrToken: 'abc.def' });
    expect(decision.ok || decision.error.code).toBe('VALIDATION_FAILED');
    expect(fieldOf(decision)?.field).toBe('clientQrToken');
  });
});

describe('resolveClient', () => {
  const byPhone = { by: 'phone', phone: client.phone } as const;
  const byToken = { by: 'qr-token', token: 'abc.def' } as const;

  it('resolves a client by phone with tier, status and preferred channel', () => {
    expect(resolveClient(byPhone, client, agent)).toEqual({
      ok: true,
      value: { userId: client.userId, phone: client.phone, kycTier: 2, status: 'ACTIVE', preferredChannel: 'WHATSAPP' },
    });
  });

  it('passes a suspended client on rather than refusing it (the risk engine refuses it)', () => {
    const decision = resolveClient(byPhone, { ...client, status: 'SUSPENDED' }, agent);
    expect(decision.ok && decision.value.status).toBe('SUSPENDED');
  });

  it('refuses an unknown client phone (NOT_FOUND)', () => {
    expect(resolveClient(byPhone, undefined, agent)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: CLIENT_NOT_FOUND },
    });
  });

  it('refuses a phone that belongs to an agent exactly as an unknown one, echoing no number', () => {
    const otherAgent: CustomerProfile = { ...client, userId: 'usr-agent-2', phone: '+2250500000002', role: 'AGENT' };
    const decision = resolveClient({ by: 'phone', phone: otherAgent.phone }, otherAgent, agent);
    expect(decision).toEqual(resolveClient({ by: 'phone', phone: '+2250999999999' }, undefined, agent));
    expect(JSON.stringify(decision)).not.toContain(otherAgent.phone);
  });

  it('refuses a client who is the agent (VALIDATION_FAILED)', () => {
    const decision = resolveClient(byPhone, { ...client, userId: agent.userId }, agent);
    expect(decision.ok || decision.error.code).toBe('VALIDATION_FAILED');
    expect(fieldOf(decision)).toEqual({ field: 'clientPhone', message: 'must not be the agent' });
  });

  it('refuses a token whose owner has no client profile (VALIDATION_FAILED clientQrToken)', () => {
    const decision = resolveClient(byToken, undefined, agent);
    expect(fieldOf(decision)).toEqual({ field: 'clientQrToken', message: 'is invalid or expired' });
  });
});

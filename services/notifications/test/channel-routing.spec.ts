import { clientChannelOrder, routeClientChannel } from '../src/domain/channel-routing';

describe('OTP channel routing', () => {
  it('routes to the client preference when there is one', () => {
    // given a client who prefers SMS and a WhatsApp system default
    // when the channel is routed
    const channel = routeClientChannel('SMS', 'WHATSAPP');
    // then SMS wins
    expect(channel).toBe('SMS');
  });

  it('routes to the system default when the client has no preference', () => {
    expect(routeClientChannel(undefined, 'SMS')).toBe('SMS');
  });

  it('falls back to the system default when the client prefers an unaddressable e-mail', () => {
    expect(routeClientChannel('EMAIL', 'SMS')).toBe('SMS');
  });

  it('falls back to WHATSAPP when both the preference and the default are e-mail', () => {
    expect(routeClientChannel('EMAIL', 'EMAIL')).toBe('WHATSAPP');
  });

  it('fails over from WHATSAPP to SMS', () => {
    expect(clientChannelOrder('WHATSAPP', 'WHATSAPP')).toEqual(['WHATSAPP', 'SMS']);
  });

  it('fails over from a preferred SMS to the default WHATSAPP', () => {
    expect(clientChannelOrder('SMS', 'WHATSAPP')).toEqual(['SMS', 'WHATSAPP']);
  });

  it('never lists e-mail for a client', () => {
    expect(clientChannelOrder('EMAIL', 'EMAIL')).toEqual(['WHATSAPP', 'SMS']);
  });
});

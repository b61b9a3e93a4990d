import { decideAudience, mayRecordPlainOtp, otpMessage } from '../src/domain/delivery-policy';
import { OTP_MASK } from '../src/domain/message-text';

const team = { email: 'team@example.test', whatsapp: '+2250000000099' };
const phone = '+2250100000002';

describe('who receives a message', () => {
  it('sends to any client in production, whitelisted or not', () => {
    // given production and a number that is not whitelisted
    // when the audience is decided
    const audience = decideAudience({ appEnv: 'production', customerPhone: phone, isWhitelisted: false, team });
    // then the client receives it
    expect(audience).toEqual({ kind: 'CLIENT', because: 'PRODUCTION' });
  });

  it('sends to a whitelisted number outside production', () => {
    const audience = decideAudience({ appEnv: 'staging', customerPhone: phone, isWhitelisted: true, team });
    expect(audience).toEqual({ kind: 'CLIENT', because: 'WHITELISTED' });
  });

  it('skips any other number outside production and copies the team by e-mail and WhatsApp', () => {
    const audience = decideAudience({ appEnv: 'development', customerPhone: phone, isWhitelisted: false, team });
    expect(audience).toEqual({
      kind: 'TEAM_COPIES',
      copies: [
        { channel: 'EMAIL', to: team.email },
        { channel: 'WHATSAPP', to: team.whatsapp },
      ],
    });
  });
});

describe('what an OTP record keeps', () => {
  it('masks the OTP in a production record and leaves out the otp field', () => {
    // given production
    // when an OTP message is composed
    const message = otpMessage('production', '482913', '2026-01-15T10:05:00.000Z');
    // then the client text carries the code but the record does not
    expect(message.text).toContain('482913');
    expect(message.recorded.body).not.toContain('482913');
    expect(message.recorded.body).toContain(OTP_MASK);
    expect(message.recorded).not.toHaveProperty('otp');
  });

  it('keeps the plain OTP in the sandbox record in test', () => {
    const message = otpMessage('test', '482913', '2026-01-15T10:05:00.000Z');
    expect(message.recorded).toEqual({ body: message.text, otp: '482913' });
  });

  it('allows the plain OTP in records only in development and test, where the sandbox is', () => {
    expect(mayRecordPlainOtp('production')).toBe(false);
    expect(mayRecordPlainOtp('staging')).toBe(false);
    expect(mayRecordPlainOtp('development')).toBe(true);
    expect(mayRecordPlainOtp('test')).toBe(true);
  });
});

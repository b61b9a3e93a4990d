import { Logger } from '@nestjs/common';
import { TOPICS } from '@cashout/shared-contracts';
import { OTP_REPOSITORY, OtpRepository } from '../src/otp.repository.port';
import { USER_REPOSITORY, UserRepository } from '../src/user.repository.port';
import { AGENT, AuthHarness, bootAuth, command, deliver, published } from './auth.harness';

const LOG_METHODS = ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] as const;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const PHONE = /\+\d{8,15}/g;

describe('auth logging', () => {
  let h: AuthHarness;
  const logged: string[] = [];

  beforeEach(async () => {
    for (const method of LOG_METHODS) {
      const capture = (...args: unknown[]) => {
        logged.push(args.map((arg) => (typeof arg === 'string' ? arg : (JSON.stringify(arg) ?? String(arg)))).join(' '));
      };
      jest.spyOn(Logger.prototype, method).mockImplementation(capture);
      jest.spyOn(Logger, method).mockImplementation(capture);
    }
    h = await bootAuth();
  });

  afterEach(async () => {
    await h.app.close();
    jest.restoreAllMocks();
  });

  it('never logs a PIN, OTP, token, hash or sealed secret', async () => {
    // given a run through every use case, with right, wrong and unreadable secrets
    const secrets: string[] = [];
    const seal = (secret: string) => {
      const sealed = h.sealedBox.seal(secret);
      secrets.push(secret, sealed);
      return sealed;
    };
    await deliver(
      h,
      command(h, 'IssueOtp', { intentId: 'intent-log', otpId: 'otp-log', clientUserId: 'usr-client-0001', clientPhone: '+2250100000001' }, 'intent-log'),
    );
    const [delivery] = published(h, TOPICS.notificationCommands, 'DeliverOtp');
    const otp = h.sealedBox.open(delivery.payload.sealedOtp) as string;
    secrets.push(otp, delivery.payload.sealedOtp);
    const wrongOtp = otp === '000000' ? '000001' : '000000';
    const token = await h.jwt.sign({ sub: AGENT.userId, role: 'AGENT', phone: AGENT.phone }, 3600, h.clock.now());
    secrets.push(token);
    const otpHash = (await h.app.get<OtpRepository>(OTP_REPOSITORY).findByIntentId('intent-log'))?.otpHash as string;
    const pinHash = (await h.app.get<UserRepository>(USER_REPOSITORY).findById(AGENT.userId))?.pinHash as string;
    secrets.push(otpHash, pinHash);

    const otpCheck = (stepId: string, sealedOtp: string) =>
      command(h, 'VerifyOtp', { intentId: 'intent-log', stepId, otpId: 'otp-log', sealedOtp }, 'intent-log');
    const pinCheck = (stepId: string, sealedPin: string, sealedToken?: string) =>
      command(h, 'VerifyPin', { intentId: 'intent-log', stepId, agentUserId: AGENT.userId, sealedPin, ...(sealedToken ? { sealedToken } : {}) }, 'intent-log');
    await deliver(
      h,
      otpCheck('otp-unreadable', 'not-a-sealed-value'),
      otpCheck('otp-wrong', seal(wrongOtp)),
      otpCheck('otp-right', seal(otp)),
      pinCheck('pin-unreadable', 'not-a-sealed-value'),
      pinCheck('pin-wrong', seal('9876')),
      pinCheck('pin-right', seal(AGENT.pin), seal(token)),
      command(h, 'Login', { phone: AGENT.phone, sealedPin: seal(AGENT.pin) }, AGENT.phone),
      command(h, 'Login', { phone: AGENT.phone, sealedPin: seal('9876') }, AGENT.phone),
      command(h, 'Login', { phone: '+2250999999999', sealedPin: seal('9876') }, '+2250999999999'),
    );
    const [loginReply] = published(h, TOPICS.gatewayReplies, 'GatewayReply');
    if (loginReply.payload.kind === 'login') {
      secrets.push(loginReply.payload.sealedAccessToken, h.sealedBox.open(loginReply.payload.sealedAccessToken) as string);
    }

    // then the logs tell the story without a single secret (ids and phones, which are not
    // secrets, are masked so a short code cannot match inside them by chance)
    const text = logged.join('\n').replace(UUID, '<id>').replace(PHONE, '<phone>');
    expect(text).toContain('OTP otp-log issued for intent intent-log');
    expect(text).toContain('could not be opened');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

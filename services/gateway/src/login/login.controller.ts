import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { SealedBox } from '@cashout/platform';
import { ApiError } from '../http/api-error';
import { CorrelationId, Public } from '../http/access.decorators';
import { GatewayRequest, GatewayResponse } from '../http/request-context';
import { validate } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';
import { LoginThrottleScope, MetricsRegistry } from '../operations/metrics.registry';
import { RATE_LIMITER, RateDecision, RateLimiter } from '../rate-limiter.port';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { LoginRequestSchema, LoginResponse } from './login.request';

const FAILED_LOGINS_GLOBAL_KEY = 'login-failed:all';
const failedLoginsKey = (address: string) => `login-failed:address:${address}`;

function rateLimited(decision: Extract<RateDecision, { allowed: false }>, message: string): ApiError {
  const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  return new ApiError('RATE_LIMITED', message, { retryAfterSeconds: retryAfter }, { 'Retry-After': String(retryAfter) });
}

/**
 * Login is throttled three ways: per phone (every attempt: one agent's PIN guessed from many
 * addresses), and by failed logins per source address (one PIN tried across many phones) and
 * from everyone (a spread-out attack). The failed-login budgets are checked before a login and
 * spent only by a failure, so the people who know their PIN are not held back by them.
 */
@Controller('auth')
export class LoginController {
  constructor(
    private readonly requester: Requester,
    private readonly sealedBox: SealedBox,
    private readonly metrics: MetricsRegistry,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
    @Req() request: GatewayRequest,
    @Res({ passthrough: true }) response: GatewayResponse,
  ): Promise<LoginResponse> {
    const { phone, pin } = validate(LoginRequestSchema, body);
    const byPhone = await this.rateLimiter.take(`login:${phone}`, this.config.rateLimitLoginPerMinute);
    if (!byPhone.allowed) throw rateLimited(byPhone, 'too many login attempts for this phone');
    const address = request.socket.remoteAddress ?? 'unknown';
    await this.checkFailedLoginBudgets(address);

    const reply = await this.requester.request('Login', { phone, sealedPin: this.sealedBox.seal(pin) }, { aggregateId: phone, correlationId });
    if (reply.kind === 'error' && (reply.error.code === 'INVALID_CREDENTIALS' || reply.error.code === 'PIN_LOCKED')) {
      this.metrics.failedLogin(reply.error.code);
      await Promise.all([
        this.rateLimiter.take(failedLoginsKey(address), this.config.failedLoginsPerAddressPerMinute),
        this.rateLimiter.take(FAILED_LOGINS_GLOBAL_KEY, this.config.failedLoginsPerMinute),
      ]);
    }
    const login = expectReply(reply, 'login');
    const accessToken = this.sealedBox.open(login.sealedAccessToken);
    if (accessToken === undefined) throw new ApiError('INTERNAL', 'the access token could not be issued');
    response.setHeader('Cache-Control', 'no-store');
    return { accessToken, tokenType: 'Bearer', expiresIn: login.expiresIn, user: login.user };
  }

  /** Refuses a login while this address's, or everyone's, failed-login budget is spent. */
  private async checkFailedLoginBudgets(address: string): Promise<void> {
    const budgets: Array<{ scope: LoginThrottleScope; key: string; perMinute: number; message: string }> = [
      {
        scope: 'address',
        key: failedLoginsKey(address),
        perMinute: this.config.failedLoginsPerAddressPerMinute,
        message: 'too many failed logins from this address',
      },
      { scope: 'global', key: FAILED_LOGINS_GLOBAL_KEY, perMinute: this.config.failedLoginsPerMinute, message: 'too many failed logins; try again shortly' },
    ];
    const decisions = await Promise.all(budgets.map((budget) => this.rateLimiter.take(budget.key, budget.perMinute, 0)));
    for (const [index, decision] of decisions.entries()) {
      if (decision.allowed) continue;
      this.metrics.loginThrottled(budgets[index].scope);
      throw rateLimited(decision, budgets[index].message);
    }
  }
}

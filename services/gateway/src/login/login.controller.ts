import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SealedBox } from '@cashout/platform';
import { ApiError } from '../http/api-error';
import { CorrelationId, Public } from '../http/access.decorators';
import { validate } from '../http/validation';
import { Requester, expectReply } from '../messaging/requester';
import { RATE_LIMITER, RateLimiter } from '../rate-limit/rate-limiter.port';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { LoginRequestSchema, LoginResponse } from './login.request';

@Controller('auth')
export class LoginController {
  constructor(
    private readonly requester: Requester,
    private readonly sealedBox: SealedBox,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(
    @Body() body: unknown,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponse> {
    const { phone, pin } = validate(LoginRequestSchema, body);
    // Per phone, so guessing one agent's PIN from many addresses is throttled too.
    const budget = await this.rateLimiter.take(`login:${phone}`, this.config.rateLimitLoginPerMinute);
    if (!budget.allowed) {
      const retryAfter = Math.max(1, Math.ceil(budget.retryAfterMs / 1000));
      throw new ApiError('RATE_LIMITED', 'too many login attempts for this phone', { retryAfterSeconds: retryAfter }, {
        'Retry-After': String(retryAfter),
      });
    }
    const reply = expectReply(
      await this.requester.request('Login', { phone, sealedPin: this.sealedBox.seal(pin) }, { aggregateId: phone, correlationId }),
      'login',
    );
    const accessToken = this.sealedBox.open(reply.sealedAccessToken);
    if (accessToken === undefined) throw new ApiError('INTERNAL', 'the access token could not be issued');
    response.setHeader('Cache-Control', 'no-store');
    return { accessToken, tokenType: 'Bearer', expiresIn: reply.expiresIn, user: reply.user };
  }
}

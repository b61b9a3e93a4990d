import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CLOCK, Clock, JwtCodec } from '@cashout/platform';
import { Role } from '@cashout/shared-contracts';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { RevokedTokens } from '../messaging/revoked-tokens';
import { RATE_LIMITER, RateLimiter } from '../rate-limiter.port';
import { ApiError } from './api-error';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './access.decorators';
import { GatewayRequest } from './request-context';

const BEARER = /^Bearer ([A-Za-z0-9_\-.]{1,4096})$/;

/**
 * Authenticates every non-public route with the bearer token (ours, unexpired, not revoked),
 * applies the per-caller rate limit, then the route's role list. Order matters: unknown callers learn nothing about
 * roles, and a throttled caller is refused before any work.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtCodec,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly revoked: RevokedTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
    if (!match) throw new ApiError('UNAUTHENTICATED', 'a valid bearer token is required');
    const claims = await this.jwt.verify(match[1], this.clock.now());
    if (!claims) throw new ApiError('UNAUTHENTICATED', 'the bearer token is invalid or expired');
    if (this.revoked.isRevoked(claims.sub, claims.tv))
      throw new ApiError('UNAUTHENTICATED', 'the bearer token was revoked (the account was locked or unlocked): log in again');
    request.actor = { userId: claims.sub, role: claims.role };
    request.bearerToken = match[1];

    const budget = await this.rateLimiter.take(`caller:${claims.sub}`, this.config.rateLimitPerMinute);
    if (!budget.allowed) {
      const retryAfter = String(Math.max(1, Math.ceil(budget.retryAfterMs / 1000)));
      throw new ApiError(
        'RATE_LIMITED',
        'too many requests; slow down',
        { retryAfterSeconds: Number(retryAfter) },
        {
          'Retry-After': retryAfter,
        },
      );
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(claims.role)) throw ApiError.forbidden();
    return true;
  }
}

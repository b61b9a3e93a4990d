import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Role } from '@cashout/shared-contracts';
import { ApiError } from './api-error';
import { Caller, GatewayRequest } from './request-context';

export const PUBLIC_ROUTE = 'gateway:public';
export const ALLOWED_ROLES = 'gateway:roles';

/** No bearer token needed (login, health, docs, the console page). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route; everyone else gets 403 FORBIDDEN. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The authenticated caller, set by the auth guard. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<GatewayRequest>();
  if (!request.actor || !request.bearerToken) throw new ApiError('UNAUTHENTICATED', 'a bearer token is required');
  return { actor: request.actor, bearerToken: request.bearerToken, correlationId: correlationIdOf(request) };
});

/** The correlation id of this HTTP request (every route, public ones included). */
export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  correlationIdOf(context.switchToHttp().getRequest<GatewayRequest>()),
);

export function correlationIdOf(request: GatewayRequest): string {
  if (!request.correlationId) throw new ApiError('INTERNAL', 'the request has no correlation id');
  return request.correlationId;
}

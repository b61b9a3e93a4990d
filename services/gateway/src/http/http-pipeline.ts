import { randomUUID } from 'node:crypto';
import { platformLogger } from '@cashout/platform';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import helmet from 'helmet';
import { MetricsRegistry } from '../operations/metrics.registry';
import { ApiError } from './api-error';
import { writeError } from './error-response';
import { GatewayRequest } from './request-context';

export const BODY_LIMIT = '16kb';

/**
 * Security headers on every response (helmet): nosniff, no framing, no referrer, HSTS,
 * same-origin resource and opener policies; and `Cache-Control: no-store` on everything but
 * the documentation's static assets, since answers carry balances, tokens and personal data.
 * No Content-Security-Policy yet: the console and docs pages carry inline scripts.
 */
export function securityHeadersMiddleware(cacheablePrefix: string): RequestHandler {
  const headers = helmet({ contentSecurityPolicy: false, frameguard: { action: 'deny' }, referrerPolicy: { policy: 'no-referrer' } });
  return (request: Request, response: Response, next: NextFunction) => {
    if (!request.path.startsWith(cacheablePrefix)) response.setHeader('Cache-Control', 'no-store');
    headers(request, response, next);
  };
}

/** Every request gets a fresh correlation id, echoed in a header and in error bodies. */
export function correlationIdMiddleware(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const correlationId = randomUUID();
    (request as GatewayRequest).correlationId = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    next();
  };
}

/**
 * One access-log line (JSON, through the platform's logger) and the metrics of each request.
 * Only method, route template, path, status, duration and correlation id: never headers or
 * bodies, which carry PINs, OTPs and tokens.
 */
export function accessLogMiddleware(metrics: MetricsRegistry): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (request.route as { path?: unknown } | undefined)?.path;
      const routeLabel = typeof route === 'string' ? `${request.baseUrl}${route}` : 'unmatched';
      metrics.observe(request.method, routeLabel, response.statusCode, seconds);
      const logger = platformLogger();
      if (!logger.isLevelEnabled('info')) return;
      logger.info(
        {
          context: 'HTTP',
          method: request.method,
          route: routeLabel,
          path: request.path,
          status: response.statusCode,
          durationMs: Math.round(seconds * 1e6) / 1000,
          correlationId: (request as GatewayRequest).correlationId,
        },
        'request handled',
      );
    });
    next();
  };
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
}

function bodyError(error: unknown): ApiError {
  const type = (error as BodyParserError | null)?.type;
  switch (type) {
    case 'entity.too.large':
      return ApiError.validation([{ field: 'body', message: `must be at most ${BODY_LIMIT}` }]);
    case 'entity.parse.failed':
      return new ApiError('MALFORMED_JSON', 'the body is not valid JSON');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return ApiError.validation([{ field: 'content-type', message: 'the body must be UTF-8 JSON without content encoding' }]);
    default:
      return ApiError.validation([{ field: 'body', message: 'the body could not be read' }]);
  }
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * JSON bodies only, at most 16 kB, on the methods that take one. Parser errors are answered
 * here in the common error shape: they happen before Nest's routing, out of reach of its
 * exception filters.
 */
export function jsonBodyMiddleware(): RequestHandler {
  const parse = json({ limit: BODY_LIMIT, strict: true, type: ['application/json', 'application/*+json'] });
  return (request: Request, response: Response, next: NextFunction) => {
    const correlationId = (request as GatewayRequest).correlationId ?? randomUUID();
    if (METHODS_WITH_BODY.has(request.method) && hasBody(request) && !request.is(['application/json', 'application/*+json'])) {
      request.resume();
      writeError(
        response,
        ApiError.validation([{ field: 'content-type', message: 'must be application/json' }]),
        correlationId,
      );
      return;
    }
    // A body on a GET (or any method that takes none) is not read, so it cannot fail the request.
    if (!METHODS_WITH_BODY.has(request.method)) {
      request.resume();
      next();
      return;
    }
    parse(request, response, (error?: unknown) => {
      if (error) {
        writeError(response, bodyError(error), correlationId);
        return;
      }
      next();
    });
  };
}

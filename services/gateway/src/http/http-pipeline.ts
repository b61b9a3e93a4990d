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
 * The Content-Security-Policy of the HTML pages (the console, the docs): scripts, styles,
 * images, fonts and requests from this origin only, no inline script or style, no plugins, no
 * framing, forms posting here only. The pages are real files for this reason: the console's
 * built bundle, and the docs page's start-up script served as an asset.
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/**
 * The docs page's: PAGE_CSP but for styles, which Swagger UI's bundle injects as inline
 * `<style>` elements and attributes at run time (refused under PAGE_CSP, the page then logs a
 * violation per element). Inline styles run no code; scripts stay files of this origin only.
 */
export const DOCS_CSP = PAGE_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** Every other answer (JSON, text, assets): nothing may be loaded or run in its name, nor may it be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Security headers on every response (helmet): nosniff, no framing, no referrer, HSTS,
 * same-origin resource and opener policies; the API's Content-Security-Policy (the pages set
 * PAGE_CSP over it); and `Cache-Control: no-store` on everything but the static assets under
 * the cacheable prefixes (the docs' and the console's hashed files), since answers carry
 * balances, tokens and personal data.
 */
export function securityHeadersMiddleware(cacheablePrefixes: readonly string[]): RequestHandler {
  const headers = helmet({ contentSecurityPolicy: false, frameguard: { action: 'deny' }, referrerPolicy: { policy: 'no-referrer' } });
  return (request: Request, response: Response, next: NextFunction) => {
    if (!cacheablePrefixes.some((prefix) => request.path.startsWith(prefix))) response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Security-Policy', API_CSP);
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
      writeError(response, ApiError.validation([{ field: 'content-type', message: 'must be application/json' }]), correlationId);
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

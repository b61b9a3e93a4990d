import { Type } from '@nestjs/common';
import { ErrorCode } from '@cashout/shared-contracts';
import { errorCodesWithStatus } from '../http/error-status';
import { RouteAccess, routeAccess } from './route-access';
import { componentSchemas, ref } from './openapi.schemas';
import { idempotencyKey, Operation, operations } from './openapi.operations';

/** What the codes of a status mean, where the code alone does not say it. */
const CODE_NOTES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'VALIDATION_FAILED (details: [{field, message}])',
  BUDGET_EXHAUSTED: 'BUDGET_EXHAUSTED (details name the budget spent); Retry-After says when to try again',
  TIMEOUT: 'TIMEOUT: the platform did not answer in time',
};

/** A status's description: the codes error-status.ts answers with it, so the two cannot disagree. */
function errorDescription(status: number): string {
  const codes = errorCodesWithStatus(status).map((code) => CODE_NOTES[code] ?? code);
  return codes.length <= 1 ? (codes[0] ?? 'error') : `${codes.slice(0, -1).join(', ')} or ${codes[codes.length - 1]}`;
}
/** Every answer carries the request's correlation id (also in error bodies). */
const CORRELATION_ID = {
  'X-Correlation-Id': {
    description: 'the id of this request in the logs',
    required: true,
    schema: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
  },
};
const RETRY_AFTER = {
  'Retry-After': { description: 'seconds until the budget allows another attempt', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]*$' } },
};
const REPLAYED = {
  'Idempotent-Replayed': {
    description: 'present on the stored answer to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', const: 'true' },
  },
};

function describe(operation: Operation, access: RouteAccess): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const idempotent = operation.parameters?.includes(idempotencyKey) ?? false;
  for (const success of operation.success) {
    responses[String(success.status)] = {
      description: success.description,
      headers: { ...CORRELATION_ID, ...(idempotent ? REPLAYED : {}) },
      ...(success.schema ? { content: { [success.contentType ?? 'application/json']: { schema: success.schema } } } : {}),
    };
  }
  const errors = new Set([...(operation.errors ?? []), ...(operation.body ? [400] : [])]);
  if (access !== 'public') errors.add(401);
  for (const status of [...errors].sort()) {
    responses[String(status)] = {
      description: errorDescription(status),
      // A refusal is stored and replayed like an answer.
      headers: { ...CORRELATION_ID, ...(status === 429 ? RETRY_AFTER : {}), ...(idempotent ? REPLAYED : {}) },
      content: { 'application/json': { schema: ref('Error') } },
    };
  }
  const who = access === 'public' ? 'anyone' : access === 'any' ? 'any signed-in user' : access.join(', ');
  return {
    operationId: `${operation.method}${operation.path.replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
    summary: operation.summary,
    description: `Who: ${who}.`,
    tags: [operation.tag],
    ...(access === 'public' ? { security: [] } : {}),
    // Machine-readable for clients and for the authorization-matrix test: the roles, 'any' or 'public'.
    'x-roles': access,
    ...(operation.parameters ? { parameters: operation.parameters } : {}),
    ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: operation.body } } } } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 description of the HTTP API, built from the same zod schemas that validate it
 * and, for who may call each route, from the controllers' own @Public/@Roles.
 */
export function buildOpenApiDocument(options: { includeSandbox: boolean; controllers: readonly Type[] }): Record<string, unknown> {
  const accessOf = routeAccess(options.controllers);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations(options.includeSandbox)) {
    const access = accessOf.get(`${operation.method} ${operation.path}`);
    if (access === undefined)
      throw new Error(`the document describes ${operation.method.toUpperCase()} ${operation.path}, which none of the controllers serves`);
    paths[operation.path] = { ...(paths[operation.path] ?? {}), [operation.method]: describe(operation, access) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cash-out gateway',
      version: '1.0.0',
      description: 'The HTTP API of the cash-out intent flow, for Mobile Pro (agents) and the CMMS console (staff).',
    },
    security: [{ bearerAuth: [] }],
    tags: ['auth', 'customers', 'intents', 'wallets', 'ledger', 'reports', 'sandbox', 'operations'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: componentSchemas(),
    },
  };
}

import { Type } from '@nestjs/common';
import { z } from 'zod';
import {
  AgentDailyReportSchema,
  ErrorBodySchema,
  IntentViewSchema,
  MAX_REPORT_DAYS,
  NotificationRecordSchema,
  ReconciliationViewSchema,
  ErrorCode,
  WalletViewSchema,
} from '@cashout/shared-contracts';
import { AgentCreateIntentSchema, StaffCreateIntentSchema } from '../create-intent/create-intent.request';
import { IdempotencyKeySchema } from '../idempotency/idempotency.service';
import { CancelRequestSchema, VerifyOtpRequestSchema, VerifyPinRequestSchema } from '../intent-steps/intent-steps.request';
import { KEEP_ALIVE_MS } from '../intent-stream/intent-event-stream';
import { LoginRequestSchema, LoginResponseSchema } from '../login/login.request';
import { DeadLettersSchema } from '../operations/dead-letters.controller';
import { QrTokenResponseSchema } from '../qr-token/issue-qr-token.controller';
import { IntentPageSchema, ListIntentsQuerySchema, MAX_LIST_DAYS } from '../query-intents/query-intents.request';
import { UnlockUserResponseSchema } from '../users/unlock-user.controller';
import { errorCodesWithStatus } from '../http/error-status';
import { RouteAccess, routeAccess } from './route-access';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const document = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  // Schemas take the document's default dialect (OpenAPI 3.1's base, a superset of JSON
  // Schema 2020-12, which zod writes): declaring another one makes Swagger UI warn that it
  // will not read the schemas as JSON Schema.
  delete document.$schema;
  return document;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The schema with `patch` merged into one of its properties. */
function withProperty(schema: JsonSchema, name: string, patch: JsonSchema): JsonSchema {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return { ...schema, properties: { ...properties, [name]: { ...properties[name], ...patch } } };
}

const CURRENCY_NOTE = {
  description: 'ISO 4217, XOF when absent; the ledger takes only the currencies it is configured with (SUPPORTED_CURRENCIES, XOF by default), another is a 400',
};

/**
 * What the validation checks beyond what zod's JSON Schema says: a refinement, a trim. The
 * document has to be as strict as the server, or clients (and the fuzzer) are told that
 * bodies the server refuses are fine.
 */
const REFINEMENTS: Readonly<Record<string, (schema: JsonSchema) => JsonSchema>> = {
  // Its superRefine: exactly one of clientPhone and clientQrToken.
  AgentCreateIntent: (schema) => ({
    ...withProperty(schema, 'currency', CURRENCY_NOTE),
    oneOf: [{ required: ['clientPhone'] }, { required: ['clientQrToken'] }],
  }),
  StaffCreateIntent: (schema) => withProperty(schema, 'currency', CURRENCY_NOTE),
  // The reason is trimmed before its length is checked: blanks alone are not a reason.
  CancelRequest: (schema) => withProperty(schema, 'reason', { pattern: '[^\\s\\uFEFF]' }),
};

const COMPONENTS: Record<string, { schema: z.ZodType; io: 'input' | 'output' }> = {
  Error: {
    schema: z.object({ error: ErrorBodySchema.extend({ correlationId: z.string() }) }),
    io: 'output',
  },
  LoginRequest: { schema: LoginRequestSchema, io: 'input' },
  LoginResponse: { schema: LoginResponseSchema, io: 'output' },
  QrToken: { schema: QrTokenResponseSchema, io: 'output' },
  AgentCreateIntent: { schema: AgentCreateIntentSchema, io: 'input' },
  StaffCreateIntent: { schema: StaffCreateIntentSchema, io: 'input' },
  VerifyOtpRequest: { schema: VerifyOtpRequestSchema, io: 'input' },
  VerifyPinRequest: { schema: VerifyPinRequestSchema, io: 'input' },
  CancelRequest: { schema: CancelRequestSchema, io: 'input' },
  Intent: { schema: IntentViewSchema, io: 'output' },
  IntentPage: { schema: IntentPageSchema, io: 'output' },
  Wallets: { schema: z.array(WalletViewSchema), io: 'output' },
  Reconciliation: { schema: ReconciliationViewSchema, io: 'output' },
  Notifications: { schema: z.array(NotificationRecordSchema), io: 'output' },
  UnlockedUser: { schema: UnlockUserResponseSchema, io: 'output' },
  AgentDailyReport: { schema: AgentDailyReportSchema, io: 'output' },
  DeadLetters: { schema: DeadLettersSchema, io: 'output' },
};

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

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

interface Operation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  body?: JsonSchema;
  parameters?: Parameter[];
  success: Array<{ status: number; description: string; schema?: JsonSchema; contentType?: string }>;
  errors?: number[];
}

const pathId = (description: string): Parameter => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' },
});
const intentId = pathId('the intent id');
const idempotencyKey: Parameter = {
  name: 'Idempotency-Key',
  in: 'header',
  description: 'Same key and body: the first response again. Same key, other body: 409 IDEMPOTENCY_KEY_REUSED.',
  schema: jsonSchema(IdempotencyKeySchema, 'input'),
};
const phoneQuery = (required: boolean): Parameter => ({
  name: 'phone',
  in: 'query',
  required,
  description: 'E.164; encode the plus sign as %2B',
  schema: { type: 'string', pattern: '^\\+[1-9]\\d{7,14}$' },
});
const reportDay = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const STEP_ERRORS = [400, 401, 403, 404, 409, 422, 423, 429, 504];

function operations(includeSandbox: boolean): Operation[] {
  const list: Operation[] = [
    {
      method: 'post',
      path: '/auth/login',
      summary: 'Log in with phone and PIN',
      tag: 'auth',
      body: ref('LoginRequest'),
      success: [{ status: 200, description: 'a bearer token', schema: ref('LoginResponse') }],
      errors: [400, 401, 423, 429, 504],
    },
    {
      method: 'post',
      path: '/customers/me/qr-token',
      summary: 'Issue a short-lived, single-use QR token',
      tag: 'customers',
      success: [{ status: 201, description: 'the token', schema: ref('QrToken') }],
      // 400: a body other than none or {}.
      errors: [400, 401, 403, 429, 504],
    },
    {
      method: 'post',
      path: '/intents',
      summary: 'Create a cash-out intent (Mobile Pro for agents, CMMS for staff)',
      tag: 'intents',
      parameters: [idempotencyKey],
      body: { oneOf: [ref('AgentCreateIntent'), ref('StaffCreateIntent')] },
      success: [{ status: 201, description: 'the intent, CREATED', schema: ref('Intent') }],
      errors: [400, 401, 403, 404, 409, 422, 429, 504],
    },
    {
      method: 'get',
      path: '/intents',
      summary: 'List intents (agents: their own)',
      tag: 'intents',
      parameters: [
        { name: 'status', in: 'query', schema: jsonSchema(IntentViewSchema.shape.status, 'input') },
        {
          name: 'agentPhone',
          in: 'query',
          description: "the intent's agent, E.164 (encode + as %2B); an agent lists its own intents only, so another agent's phone lists none",
          schema: jsonSchema(ListIntentsQuerySchema.shape.agentPhone.unwrap(), 'input'),
        },
        {
          name: 'clientPhone',
          in: 'query',
          description: "the intent's client, E.164 (encode + as %2B)",
          schema: jsonSchema(ListIntentsQuerySchema.shape.clientPhone.unwrap(), 'input'),
        },
        {
          name: 'from',
          in: 'query',
          description: 'created on this UTC day or later, YYYY-MM-DD; no lower bound when absent',
          schema: { ...jsonSchema(ListIntentsQuerySchema.shape.from.unwrap(), 'input'), format: 'date' },
        },
        {
          name: 'to',
          in: 'query',
          description: `created on this UTC day or earlier, YYYY-MM-DD; no upper bound when absent; with \`from\`, not before it and at most ${MAX_LIST_DAYS} days from it, both included`,
          schema: { ...jsonSchema(ListIntentsQuerySchema.shape.to.unwrap(), 'input'), format: 'date' },
        },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        {
          name: 'cursor',
          in: 'query',
          description:
            'nextCursor of the previous page, as it is, with the same status, agentPhone, clientPhone, from and to; any other value, or other filters, is a 400 naming cursor',
          schema: jsonSchema(ListIntentsQuerySchema.shape.cursor.unwrap(), 'input'),
        },
      ],
      success: [{ status: 200, description: 'a page of intents', schema: ref('IntentPage') }],
      errors: [400, 401, 403, 429, 504],
    },
    {
      method: 'get',
      path: '/intents/{id}',
      summary: 'Read an intent',
      tag: 'intents',
      parameters: [intentId],
      success: [{ status: 200, description: 'the intent', schema: ref('Intent') }],
      errors: [400, 401, 403, 404, 429, 504],
    },
    {
      method: 'get',
      path: '/intents/{id}/events',
      summary: 'Follow an intent live (Server-Sent Events)',
      tag: 'intents',
      parameters: [intentId],
      success: [
        {
          status: 200,
          description:
            "A text/event-stream, for the callers who may read the intent (agents: their own; another agent's is the 404 of an unknown one, before any stream). " +
            'First `event: intent` with `data:` the current intent (the Intent schema, one JSON line), then one such event per later transition, in order; ' +
            `a \`: keep-alive\` comment every ${KEEP_ALIVE_MS / 1000} s. The answer ends after a final status (SUCCEEDED, FAILED, CANCELED, EXPIRED) or after STREAM_MAX_SECONDS (then reconnect). ` +
            'Send the bearer header (read it with fetch, not EventSource).',
          contentType: 'text/event-stream',
          // Each event, as SSE readers (and schemathesis) check them: keep-alive comments are not events.
          schema: {
            type: 'object',
            required: ['event', 'data'],
            properties: {
              event: { const: 'intent' },
              data: { type: 'string', contentMediaType: 'application/json', contentSchema: ref('Intent') },
            },
          },
        },
      ],
      // 429: RATE_LIMITED when the caller already holds STREAMS_PER_USER open streams on this gateway, or the per-caller rate limit.
      errors: [400, 401, 403, 404, 429, 504],
    },
    {
      method: 'post',
      path: '/intents/{id}/send-otp',
      summary: 'Send (or resend) the OTP to the client',
      tag: 'intents',
      parameters: [intentId],
      success: [{ status: 200, description: 'the intent, OTP_SENT', schema: ref('Intent') }],
      errors: [...STEP_ERRORS, 503],
    },
    {
      method: 'post',
      path: '/intents/{id}/verify-otp',
      summary: "Verify the client's OTP",
      tag: 'intents',
      parameters: [intentId],
      body: ref('VerifyOtpRequest'),
      success: [{ status: 200, description: 'the intent, OTP_VERIFIED', schema: ref('Intent') }],
      errors: STEP_ERRORS,
    },
    {
      method: 'post',
      path: '/intents/{id}/verify-pin',
      summary: "Verify the agent's PIN",
      tag: 'intents',
      parameters: [intentId],
      body: ref('VerifyPinRequest'),
      success: [{ status: 200, description: 'the intent, PIN_VERIFIED', schema: ref('Intent') }],
      errors: STEP_ERRORS,
    },
    {
      method: 'post',
      path: '/intents/{id}/confirm',
      summary: 'Confirm: move the money',
      tag: 'intents',
      parameters: [intentId, idempotencyKey],
      success: [
        { status: 200, description: 'the intent in a final state (SUCCEEDED with transactionId)', schema: ref('Intent') },
        {
          status: 202,
          description:
            'the intent, PROCESSING (accepted, money in flight) after the wait: poll GET /intents/{id}. Never before PROCESSING: ' +
            "while the confirm's own checks run the gateway waits for its answer, then answers 504 TIMEOUT (retry: confirm is idempotent)",
          schema: ref('Intent'),
        },
      ],
      errors: STEP_ERRORS,
    },
    {
      method: 'post',
      path: '/intents/{id}/cancel',
      summary: 'Cancel an intent',
      tag: 'intents',
      parameters: [intentId],
      body: ref('CancelRequest'),
      success: [{ status: 200, description: 'the intent, CANCELED', schema: ref('Intent') }],
      errors: STEP_ERRORS,
    },
    {
      method: 'get',
      path: '/wallets/me',
      summary: "The caller's wallets",
      tag: 'wallets',
      success: [{ status: 200, description: 'wallets', schema: ref('Wallets') }],
      errors: [401, 404, 429, 504],
    },
    {
      method: 'get',
      path: '/wallets',
      summary: "A customer's wallets, by phone",
      tag: 'wallets',
      parameters: [phoneQuery(true)],
      success: [{ status: 200, description: 'wallets', schema: ref('Wallets') }],
      errors: [400, 401, 403, 404, 429, 504],
    },
    {
      method: 'get',
      path: '/ledger/reconciliation',
      summary: 'Prove every balance equals its postings',
      tag: 'ledger',
      success: [{ status: 200, description: 'the report', schema: ref('Reconciliation') }],
      errors: [401, 403, 429, 504],
    },
    {
      method: 'get',
      path: '/reports/agents/{phone}/daily',
      summary: "An agent's intents per UTC day of creation: by status, volume, fees, commission, time in each state",
      tag: 'reports',
      parameters: [
        {
          name: 'phone',
          in: 'path',
          required: true,
          description: "the agent's phone, E.164; encode + as %2B. An agent may ask for its own only: another agent's answers 404 as an unknown one",
          schema: { type: 'string', pattern: '^\\+[1-9]\\d{7,14}$' },
        },
        { name: 'from', in: 'query', description: 'the first UTC day, YYYY-MM-DD; `to` when absent', schema: reportDay },
        {
          name: 'to',
          in: 'query',
          description: `the last UTC day, YYYY-MM-DD; today when absent; at most ${MAX_REPORT_DAYS} days from \`from\`, both included`,
          schema: reportDay,
        },
      ],
      success: [{ status: 200, description: 'the days with intents, per currency, and the totals of the range', schema: ref('AgentDailyReport') }],
      errors: [400, 401, 403, 404, 429, 504],
    },
    {
      method: 'post',
      path: '/users/{id}/unlock',
      summary: "Lift a user's PIN lock before it heals by itself (recorded with who lifted it)",
      tag: 'auth',
      parameters: [pathId('the user id')],
      success: [{ status: 200, description: 'the user, and whether there was a lock or failures to lift', schema: ref('UnlockedUser') }],
      errors: [400, 401, 403, 404, 429, 504],
    },
    {
      method: 'get',
      path: '/health',
      summary: 'Liveness',
      tag: 'operations',
      success: [{ status: 200, description: 'alive', schema: { type: 'object', properties: { status: { const: 'ok' } } } }],
    },
    {
      method: 'get',
      path: '/ready',
      summary: 'Readiness (broker reachable)',
      tag: 'operations',
      success: [
        { status: 200, description: 'ready', schema: { type: 'object' } },
        { status: 503, description: 'not ready', schema: { type: 'object' } },
      ],
    },
    {
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics',
      tag: 'operations',
      success: [{ status: 200, description: 'Prometheus text format', contentType: 'text/plain', schema: { type: 'string' } }],
      // 401: METRICS_TOKEN is set and not presented; 404: neither a token nor development or test.
      errors: [401, 404],
    },
    {
      method: 'get',
      path: '/operations/dead-letters',
      summary: 'Messages waiting on the dead-letter topic',
      tag: 'operations',
      success: [{ status: 200, description: 'the count (read and redrive them with the ops CLI)', schema: ref('DeadLetters') }],
      errors: [401, 403, 429],
    },
    {
      method: 'get',
      path: '/cmms',
      summary: 'The CMMS console: redirects to /console/',
      tag: 'operations',
      success: [{ status: 302, description: 'Location: /console/' }],
    },
    {
      method: 'get',
      path: '/docs',
      summary: 'This document in Swagger UI',
      tag: 'operations',
      success: [{ status: 200, description: 'an HTML page', contentType: 'text/html', schema: { type: 'string' } }],
    },
    {
      method: 'get',
      path: '/docs/openapi.json',
      summary: 'This document',
      tag: 'operations',
      success: [{ status: 200, description: 'OpenAPI 3.1', schema: { type: 'object' } }],
    },
  ];
  if (includeSandbox) {
    list.push({
      method: 'get',
      path: '/sandbox/notifications',
      summary: 'The notification sandbox log, newest first (development and test only)',
      tag: 'sandbox',
      parameters: [
        { ...phoneQuery(false), description: 'every record about that customer (the message, a skipped send, the team copies); E.164, encode + as %2B' },
        { name: 'intentId', in: 'query', description: 'every record about that intent; combines with phone', schema: intentId.schema },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
      ],
      success: [{ status: 200, description: 'records, newest first; every OTP record carries otp and its intentId', schema: ref('Notifications') }],
      errors: [400, 401, 403, 404, 429, 504],
    });
    list.push({
      method: 'get',
      path: '/sandbox/notifications/mine',
      summary: "The signed-in client's own notifications, newest first (development and test only)",
      tag: 'sandbox',
      parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } }],
      success: [
        {
          status: 200,
          description: "the records addressed to the client's phone (no team copies), newest first; OTP records carry otp",
          schema: ref('Notifications'),
        },
      ],
      errors: [400, 401, 403, 429, 504],
    });
  }
  return list;
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
      schemas: Object.fromEntries(
        Object.entries(COMPONENTS).map(([name, entry]) => {
          const schema = jsonSchema(entry.schema, entry.io);
          const refine = REFINEMENTS[name];
          return [name, refine ? refine(schema) : schema];
        }),
      ),
    },
  };
}

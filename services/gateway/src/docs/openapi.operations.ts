import { IntentViewSchema, MAX_REPORT_DAYS } from '@cashout/shared-contracts';
import { IdempotencyKeySchema } from '../idempotency/idempotency.service';
import { KEEP_ALIVE_MS } from '../intent-stream/intent-event-stream';
import { ListIntentsQuerySchema, MAX_LIST_DAYS } from '../query-intents/query-intents.request';
import { JsonSchema, jsonSchema, ref } from './openapi.schemas';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface Operation {
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
export const idempotencyKey: Parameter = {
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

/** The routes the OpenAPI document describes: paths, parameters, bodies, answers and error statuses. */
export function operations(includeSandbox: boolean): Operation[] {
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

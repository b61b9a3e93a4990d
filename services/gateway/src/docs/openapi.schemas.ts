import { z } from 'zod';
import {
  AgentDailyReportSchema,
  ErrorBodySchema,
  IntentViewSchema,
  NotificationRecordSchema,
  ReconciliationViewSchema,
  WalletViewSchema,
} from '@cashout/shared-contracts';
import { AgentCreateIntentSchema, StaffCreateIntentSchema } from '../create-intent/create-intent.request';
import { CancelRequestSchema, VerifyOtpRequestSchema, VerifyPinRequestSchema } from '../intent-steps/intent-steps.request';
import { LoginRequestSchema, LoginResponseSchema } from '../login/login.request';
import { DeadLettersSchema } from '../operations/dead-letters.controller';
import { QrTokenResponseSchema } from '../qr-token/issue-qr-token.controller';
import { IntentPageSchema } from '../query-intents/query-intents.request';
import { UnlockUserResponseSchema } from '../users/unlock-user.controller';

export type JsonSchema = Record<string, unknown>;

export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const document = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  // Schemas take the document's default dialect (OpenAPI 3.1's base, a superset of JSON
  // Schema 2020-12, which zod writes): declaring another one makes Swagger UI warn that it
  // will not read the schemas as JSON Schema.
  delete document.$schema;
  return document;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

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
/** The document's components: the JSON Schema of each zod schema the gateway validates with, and its refinements. */
export function componentSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(COMPONENTS).map(([name, entry]) => {
      const schema = jsonSchema(entry.schema, entry.io);
      const refine = REFINEMENTS[name];
      return [name, refine ? refine(schema) : schema];
    }),
  );
}

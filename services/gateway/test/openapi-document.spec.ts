import { buildOpenApiDocument } from '../src/docs/openapi.document';
import { gatewayControllers } from '../src/gateway.module';

type Json = Record<string, unknown>;

const document = buildOpenApiDocument({ includeSandbox: true, controllers: gatewayControllers(true) }) as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};
const operation = (path: string, method: string) => document.paths[path][method] as { parameters?: Json[]; responses: Record<string, Json> };
const matches = (schema: Json, value: string) => new RegExp(String(schema.pattern)).test(value);

/** The document is as strict as the server's validation: what it calls valid, the server takes. */
describe('the OpenAPI document', () => {
  it("declares no dialect of its own and no schema's $schema, so Swagger UI reads the schemas as JSON Schema without a warning", () => {
    expect(document).not.toHaveProperty('jsonSchemaDialect');
    expect(JSON.stringify(document)).not.toContain('"$schema"');
  });

  it("says what the agent body's refinement checks: exactly one of clientPhone and clientQrToken", () => {
    expect(document.components.schemas.AgentCreateIntent.oneOf).toEqual([{ required: ['clientPhone'] }, { required: ['clientQrToken'] }]);
  });

  it('refuses a blank cancel reason, as the trimming validation does', () => {
    const reason = (document.components.schemas.CancelRequest.properties as Record<string, Json>).reason;
    expect(matches(reason, ' \t ')).toBe(false);
    expect(matches(reason, '\uFEFF')).toBe(false);
    expect(matches(reason, ' the client left ')).toBe(true);
  });

  it('bounds the Idempotency-Key to printable ASCII and the cursor to what the list accepts', () => {
    const key = operation('/intents/{id}/confirm', 'post').parameters?.find((parameter) => parameter.name === 'Idempotency-Key')?.schema as Json;
    expect(key).toMatchObject({ minLength: 1, maxLength: 255 });
    expect(matches(key, 'retry-1')).toBe(true);
    expect(matches(key, 'with space')).toBe(false);
    const cursor = operation('/intents', 'get').parameters?.find((parameter) => parameter.name === 'cursor')?.schema;
    expect(cursor).toMatchObject({ type: 'string', minLength: 1, maxLength: 512 });
  });

  it('lists every status a route can answer: a body on the QR token route, /metrics behind its token', () => {
    expect(Object.keys(operation('/customers/me/qr-token', 'post').responses)).toContain('400');
    expect(Object.keys(operation('/metrics', 'get').responses).sort()).toEqual(['200', '401', '404']);
  });

  it('documents the correlation id on every answer and Retry-After on every 429', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, described] of Object.entries(methods)) {
        for (const [status, response] of Object.entries((described as { responses: Record<string, { headers?: Json }> }).responses)) {
          expect([path, method, status, response.headers?.['X-Correlation-Id']]).toEqual([path, method, status, expect.objectContaining({ required: true })]);
          if (status === '429') expect(response.headers?.['Retry-After']).toMatchObject({ required: true });
        }
      }
    }
  });
});

import { buildOpenApiDocument } from '../src/docs/openapi.document';
import { gatewayControllers } from '../src/gateway.module';

type Json = Record<string, unknown>;

const document = buildOpenApiDocument({ includeSandbox: false, controllers: gatewayControllers(false) }) as {
  paths: Record<string, Record<string, { parameters?: Json[] }>>;
};
const parameters = document.paths['/intents'].get.parameters ?? [];
const parameter = (name: string) => parameters.find((candidate) => candidate.name === name) as { in: string; schema: Json; description?: string };
const matches = (schema: Json, value: string) => new RegExp(String(schema.pattern)).test(value);

/** The list's query parameters as the document says them: generated from the zod schema that validates them. */
describe("the OpenAPI document's GET /intents parameters", () => {
  it('lists every query parameter the list accepts, all optional', () => {
    expect(parameters.map((candidate) => [candidate.name, candidate.in, candidate.required ?? false])).toEqual([
      ['status', 'query', false],
      ['agentPhone', 'query', false],
      ['clientPhone', 'query', false],
      ['from', 'query', false],
      ['to', 'query', false],
      ['limit', 'query', false],
      ['cursor', 'query', false],
    ]);
  });

  it('gives the phones the E.164 pattern the validation checks', () => {
    for (const name of ['agentPhone', 'clientPhone']) {
      const { schema } = parameter(name);
      expect(schema.type).toBe('string');
      expect(matches(schema, '+2250500000001')).toBe(true);
      expect(matches(schema, '0500000001')).toBe(false);
    }
  });

  it('gives from and to the date format and pattern, and says the range rules', () => {
    for (const name of ['from', 'to']) {
      const { schema } = parameter(name);
      expect(schema).toMatchObject({ type: 'string', format: 'date' });
      expect(matches(schema, '2026-11-27')).toBe(true);
      expect(matches(schema, '27-11-2026')).toBe(false);
    }
    expect(parameter('to').description).toContain('at most 92 days');
    expect(parameter('cursor').description).toContain('same status, agentPhone, clientPhone, from and to');
  });
});

import { verdictOf } from '../src/report';
import { FuzzResult, PersonaResult } from '../src/run-fuzz';
import { failureSection, readJsonReport, stArguments } from '../src/schemathesis-run';
import { schemathesisToml } from '../src/schemathesis-config';

const clean = (total: number): PersonaResult => ({
  persona: 'admin',
  seconds: 10,
  outcome: { exitCode: 0, seed: '1', testCases: total, failures: [], errors: [], warnings: {}, logFile: 'st.log' },
  requests: { total, byClass: { '2xx': total }, serverErrors: [] },
});
const result = (...personas: PersonaResult[]): FuzzResult => ({ personas, serverLog: 'server.log' });

describe('the verdict', () => {
  it('is clean with no failure, no 5xx and enough requests', () => {
    expect(verdictOf(result(clean(2000), { ...clean(1500), persona: 'agent' }), 3000)).toEqual({ requests: 3500, serverErrors: 0, failures: 0, problems: [] });
  });

  it('fails on too few requests, on a 5xx the server counted, and on what schemathesis found', () => {
    const failing: PersonaResult = {
      ...clean(100),
      outcome: { ...clean(100).outcome, exitCode: 1, failures: [{ title: 'Server error', count: 3, operations: ['POST /intents'] }] },
      requests: { total: 100, byClass: { '5xx': 3 }, serverErrors: [{ key: 'POST /intents 500', count: 3 }] },
    };
    expect(verdictOf(result(failing), 3000).problems).toEqual([
      'admin: the server answered POST /intents 500 3 times',
      'admin: Server error (3x) in POST /intents',
      'only 100 requests reached the server; at least 3000 are required',
    ]);
  });

  it('fails when schemathesis exits non-zero without saying why', () => {
    const odd: PersonaResult = { ...clean(5000), outcome: { ...clean(5000).outcome, exitCode: 2 } };
    expect(verdictOf(result(odd), 3000).problems).toEqual(['admin: schemathesis exited with 2; see st.log']);
  });
});

describe('schemathesis', () => {
  it('is run with every check, bounded examples and time, and JSON and JUnit reports', () => {
    const args = stArguments({
      dir: '/out',
      configFile: '/out/schemathesis.toml',
      schemaUrl: 'http://127.0.0.1:1/docs/openapi.json',
      seconds: 60,
      maxExamples: 50,
      seed: '7',
      ci: true,
    });
    expect(args.slice(0, 4)).toEqual(['--config-file', '/out/schemathesis.toml', 'run', 'http://127.0.0.1:1/docs/openapi.json']);
    expect(args.join(' ')).toContain(
      '--checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance,response_headers_conformance',
    );
    expect(args.join(' ')).toContain('--max-examples 50 --max-time 60');
    expect(args.join(' ')).toContain('--seed 7');
    expect(args).toContain('--no-color');
  });

  it('reports are read for test cases, failures, errors and the warnings that name operations', () => {
    const report = JSON.stringify({
      seed: 0,
      test_cases: { generated: 4000 },
      failures: [{ title: 'Undocumented HTTP status code', count: 2, operations: ['GET /metrics'], severity: 'medium' }],
      errors: [],
      warnings: { missing_auth: ['POST /customers/me/qr-token'], validation_mismatch: [] },
    }).replace('"seed":0', '"seed":40613495256253914654286885875202439014');
    expect(readJsonReport(report, 1, 'st.log')).toEqual({
      exitCode: 1,
      seed: '40613495256253914654286885875202439014',
      testCases: 4000,
      failures: [{ title: 'Undocumented HTTP status code', count: 2, operations: ['GET /metrics'] }],
      errors: [],
      warnings: { missing_auth: ['POST /customers/me/qr-token'] },
      logFile: 'st.log',
    });
  });

  it('failures are quoted from its output up to its warnings', () => {
    const log = 'progress\n=============== FAILURES ===============\n1. GET /x\ncurl -X GET ...\n=============== WARNINGS ===============\nmore';
    expect(failureSection(log)).toBe('=============== FAILURES ===============\n1. GET /x\ncurl -X GET ...');
  });

  it('signs in as the persona, again after any 401, with known phones half of the time', () => {
    const toml = schemathesisToml({ phone: '+2250700000001', pin: '0000' });
    expect(toml).toContain(
      '[auth.dynamic.openapi.bearerAuth]\npath = "/auth/login"\npayload = { phone = "+2250700000001", pin = "0000" }\nextract_selector = "/accessToken"',
    );
    expect(toml).toContain('"body.clientPhone" = { dictionary = "clients", probability = 0.5 }');
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FuzzServer, startFuzzServer } from './fuzz-server';
import { FuzzOptions, PERSONAS, Persona } from './options';
import { CREDENTIALS, checkLogin } from './personas';
import { schemathesisToml } from './schemathesis-config';
import { SchemathesisOutcome, runSchemathesis } from './schemathesis-run';
import { RequestSummary, countsBetween, scrapeRequestCounts, summarize } from './server-metrics';

export interface PersonaResult {
  persona: Persona;
  seconds: number;
  outcome: SchemathesisOutcome;
  /** What the server counted while this persona fuzzed it. */
  requests: RequestSummary;
}

export interface FuzzResult {
  personas: PersonaResult[];
  serverLog: string;
}

/** The scrape before a run is itself counted by the server, after it has answered. */
const OWN_SCRAPES = 1;

/**
 * One embedded server for the whole run; each persona in turn fuzzes every route of the
 * published document for its share of the time. The server's own request counters, read
 * before and after each persona, say how many requests it answered and with what.
 */
export async function runFuzz(
  options: FuzzOptions,
  st: string,
  outDir: string,
  say: (line: string) => void,
  onCleanup: (cleanup: () => Promise<void>) => void,
): Promise<FuzzResult> {
  const serverLog = resolve(outDir, 'server.log');
  say('server: starting the embedded default (APP_ENV=test)');
  const server: FuzzServer = await startFuzzServer(serverLog);
  onCleanup(server.stop);
  try {
    say(`server: ${server.url}, schema ${server.url}/docs/openapi.json`);
    for (const persona of PERSONAS) await checkLogin(server.url, persona);
    const personas: PersonaResult[] = [];
    for (const persona of PERSONAS) {
      const dir = resolve(outDir, persona);
      mkdirSync(dir, { recursive: true });
      const configFile = resolve(dir, 'schemathesis.toml');
      writeFileSync(configFile, schemathesisToml(CREDENTIALS[persona]));
      const seconds = options.seconds[persona];
      say(`${persona}: fuzzing for ${seconds} s as ${CREDENTIALS[persona].phone}`);
      const before = await scrapeRequestCounts(server.url);
      const outcome = await runSchemathesis({
        st,
        dir,
        configFile,
        schemaUrl: `${server.url}/docs/openapi.json`,
        seconds,
        maxExamples: options.maxExamples,
        ci: options.ci,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
      });
      const counts = countsBetween(before, await scrapeRequestCounts(server.url));
      const scrapes = counts.get('GET /metrics 200') ?? 0;
      counts.set('GET /metrics 200', Math.max(0, scrapes - OWN_SCRAPES));
      const requests = summarize(counts);
      say(
        `${persona}: ${requests.total} requests, ${outcome.testCases} test cases, ${outcome.failures.length} failures, exit ${outcome.exitCode} (seed ${outcome.seed})`,
      );
      personas.push({ persona, seconds, outcome, requests });
    }
    return { personas, serverLog };
  } finally {
    await server.stop();
  }
}

import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { buildOpenApiDocument } from '../src/docs/openapi.document';
import { gatewayControllers } from '../src/gateway.module';
import { createHarness } from './support/gateway-harness';

/** Committed so that clients can be written against it and a change of contract shows up as a diff in review. */
const FILE = join(__dirname, '../../../docs/openapi.json');
const REFRESH = 'npm run openapi';

/** As the development and test gateway serves it (sandbox routes included), 2-space JSON with a final newline. */
const built = `${JSON.stringify(buildOpenApiDocument({ includeSandbox: true, controllers: gatewayControllers(true) }), null, 2)}\n`;

describe('docs/openapi.json', () => {
  // `npm run openapi` runs this test with UPDATE_OPENAPI=1: the one way to refresh the file.
  if (process.env.UPDATE_OPENAPI === '1') {
    it('is written from the document built now', () => {
      writeFileSync(FILE, built);
      expect(readFileSync(FILE, 'utf8')).toBe(built);
    });
    return;
  }

  it('is the document the gateway builds now', () => {
    const committed = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
    if (committed === built) return;
    // A plain equality would print two long strings; say where they part and what to do instead.
    const [was, now] = [committed.split('\n'), built.split('\n')];
    const line = was.findIndex((text, index) => text !== now[index]);
    throw new Error(
      `docs/openapi.json is not the document the gateway builds now (first difference at line ${(line < 0 ? was.length : line) + 1}): ` +
        `run \`${REFRESH}\` and commit the file, having read its diff (clients are written against it)`,
    );
  });

  it('is what a test gateway serves at /docs/openapi.json', async () => {
    const harness = await createHarness();
    try {
      const served = await request(harness.app.getHttpServer()).get('/docs/openapi.json').expect(200);
      expect(`${JSON.stringify(served.body, null, 2)}\n`).toBe(built);
    } finally {
      await harness.close();
    }
  });
});

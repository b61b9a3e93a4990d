import type { Page } from 'playwright-core';
import { consoleFixture } from '../src/console-fixture';
import { CONSOLE_INDEX_HTML, consoleIsBuilt, isCi, problemsOf, screenshot } from '../src/harness';

/** The pages the gateway serves, loaded in Chromium against the embedded default. */
describe('pages in Chromium', () => {
  const fixture = consoleFixture();
  let page: Page;

  beforeEach(async () => {
    page = await fixture.page();
  });

  it('/docs renders the API in Swagger UI, with no page error', async () => {
    const response = await page.goto(`${fixture.server.baseUrl}/docs`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Cash-out gateway API');
    // Swagger UI builds these from /docs/openapi.json: its title and the operations, by tag.
    await page.locator('.swagger-ui .info .title').getByText('Cash-out gateway').waitFor();
    await page.locator('.opblock-summary-path[data-path="/docs/openapi.json"]').first().waitFor();
    await screenshot(page, 'docs');
    // Swagger UI injects inline styles: the docs page's policy allows them (scripts stay
    // files of this origin), so no violation is logged either. It warns in the page when the
    // document declares a JSON Schema dialect other than OpenAPI's: none shows.
    expect(problemsOf(page)).toEqual([]);
    await expect(page.getByText(/dialect/i).count()).resolves.toBe(0);
  });

  if (consoleIsBuilt()) {
    it('/console/ loads with a heading, no console error and no CSP violation', async () => {
      const response = await fixture.open(page, '');
      expect(response?.status()).toBe(200);
      await page.getByRole('heading').first().waitFor();
      await screenshot(page, 'console');
      expect(problemsOf(page)).toEqual([]);
    });
  } else if (isCi()) {
    // CI builds everything before this tier, so a missing console is a broken build, not a skip.
    it('/console/ is built', () => {
      throw new Error(`${CONSOLE_INDEX_HTML} is missing after the build: the console test cannot be skipped in CI`);
    });
  } else {
    it.todo('/console/ loads with a heading, no console error and no CSP violation (skipped: apps/console/dist/index.html is not built)');
  }
});

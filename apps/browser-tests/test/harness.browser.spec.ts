import { BrowserSession, openBrowser, problemsOf } from '../src/harness';

/**
 * The harness itself: a page with a console error, an uncaught exception and a CSP violation
 * must show all three, or the "no problems" assertions of the other suites prove nothing.
 * The page is served by Playwright's router, so no server is needed.
 */
describe('openBrowser() records what a page reports', () => {
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('console errors, page errors and CSP violations, and not the implicit /favicon.ico miss', async () => {
    const page = await browser.page();
    await page.route('http://harness.test/**', (route) =>
      new URL(route.request().url()).pathname === '/'
        ? route.fulfill({
            contentType: 'text/html',
            headers: { 'Content-Security-Policy': "script-src 'self'; img-src 'none'" },
            body: '<!doctype html><title>t</title><h1>harness</h1><script src="/app.js"></script><img src="/blocked.png">',
          })
        : new URL(route.request().url()).pathname === '/app.js'
          ? route.fulfill({ contentType: 'text/javascript', body: "console.error('logged'); setTimeout(() => { throw new Error('thrown'); });" })
          : route.fulfill({ status: 404, body: '' }),
    );
    await page.goto('http://harness.test/');
    // The exception is thrown after load and the CSP report arrives through a binding: wait for them.
    for (const deadline = Date.now() + 10_000; problemsOf(page).length < 4 && Date.now() < deadline;) await page.waitForTimeout(50);
    await page.waitForTimeout(200);
    expect(
      problemsOf(page)
        .map((problem) => problem.kind)
        .sort(),
    ).toEqual(['console-error', 'console-error', 'csp-violation', 'page-error']);
    const texts = problemsOf(page).map((problem) => problem.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringContaining('logged'),
        expect.stringContaining('thrown'),
        expect.stringContaining('img-src blocked http://harness.test/blocked.png'),
      ]),
    );
    expect(texts.some((text) => text.includes('favicon.ico'))).toBe(false);
    await page.close();
  });
});

/**
 * The browser tier's harness (`npm run test:browser`, *.browser.spec.ts). A suite starts one
 * server and one browser, opens a page per test, and expects no problem on it:
 *
 *   const server = await startConsole();          // beforeAll
 *   const browser = await openBrowser();          // beforeAll
 *   const page = await browser.page();            // per test
 *   await page.goto(`${server.baseUrl}/console/`);
 *   await page.getByRole('button', { name: 'Sign in' }).click();
 *   expect(problemsOf(page)).toEqual([]);
 *   await browser.close(); await server.stop();   // afterAll
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freePorts, REPO_ROOT, startEmbeddedProcess, stopProcesses } from '@cashout/distributed';
// The fuzzer's server settings (cheap bcrypt, rate limits and budgets out of the way), reused
// so that both tiers talk to the same kind of server; only APP_ENV differs below.
import { FUZZ_SERVER_SETTINGS } from '@cashout/fuzz/src/fuzz-server';

/** Debian's package puts it here; CHROMIUM_PATH points elsewhere (e.g. a Chrome on a laptop). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Headless, no sandbox (CI runs as root, where Chromium refuses to start sandboxed), and none
 * of the browser's own traffic to Google hosts (QUIC, component updates, sync, the first-run
 * page): the CI network refuses those connections, and Chromium retries them many at a time.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Containers often have a 64 MB /dev/shm, too small for the renderer: use /tmp instead.
  '--disable-dev-shm-usage',
];

/**
 * The fuzzer's settings that would make the console behave unlike production are left out:
 * the fuzzer cuts every intent event stream short (STREAM_MAX_SECONDS), which a page following
 * an intent live must not see.
 */
const FUZZ_ONLY_SETTINGS = new Set(['STREAM_MAX_SECONDS']);
const BROWSER_SERVER_SETTINGS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(FUZZ_SERVER_SETTINGS).filter(([name]) => !FUZZ_ONLY_SETTINGS.has(name)),
);

/** The built console (`npm run build`); the gateway serves this directory (CONSOLE_DIR) at /console/. */
export const CONSOLE_DIST = resolve(REPO_ROOT, 'apps', 'console', 'dist');
export const CONSOLE_INDEX_HTML = join(CONSOLE_DIST, 'index.html');

export interface ConsoleServer {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  baseUrl: string;
  /** The server's output; named in failures. */
  logFile: string;
  stop(): Promise<void>;
}

/**
 * The embedded default as `npm start` runs it (the built entry point, so `npm run build`
 * first), on a free port, once it answers /ready. APP_ENV=development gives the sandbox
 * endpoints and the demo users, CONSOLE_DIR the built console at /console/; `env` is added
 * last, so a test can change any setting.
 */
export async function startConsole(env: Record<string, string> = {}): Promise<ConsoleServer> {
  const entry = resolve(REPO_ROOT, 'apps', 'embedded', 'dist', 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm run test:browser does)`);
  const logDir = await mkdtemp(join(tmpdir(), 'cashout-browser-tests-'));
  const logFile = join(logDir, 'embedded.log');
  const { url, handle } = await startEmbeddedProcess({
    port: await freePorts(1),
    env: { ...BROWSER_SERVER_SETTINGS, APP_ENV: 'development', CONSOLE_DIR: CONSOLE_DIST, ...env },
    logFile,
  });
  let stopped: Promise<void> | undefined;
  return { baseUrl: url, logFile, stop: () => (stopped ??= stopProcesses([handle], 10_000)) };
}

/** Something a page reported that a test should not have caused. */
export interface PageProblem {
  kind: 'console-error' | 'page-error' | 'csp-violation';
  text: string;
}

export interface BrowserSession {
  /** A new tab that records its problems from the start; read them with `problemsOf(page)`. */
  page(): Promise<Page>;
  close(): Promise<void>;
}

const problems = new WeakMap<Page, PageProblem[]>();

/**
 * Console errors, uncaught exceptions and CSP violations of a page opened with
 * `BrowserSession.page()`, in order; `expect(problemsOf(page)).toEqual([])` shows them all.
 */
export function problemsOf(page: Page): readonly PageProblem[] {
  const found = problems.get(page);
  if (!found) throw new Error('problemsOf: this page was not opened with openBrowser().page()');
  return found;
}

/**
 * Chromium asks for /favicon.ico by itself when a page declares no icon, and logs the 404 as a
 * console error; that request is the browser's, not the page's, so it is not a page problem. An
 * icon the page does declare and that fails to load is still reported.
 */
function isImplicitFaviconMiss(url: string, text: string): boolean {
  return text.startsWith('Failed to load resource') && URL.canParse(url) && new URL(url).pathname === '/favicon.ico';
}

/** The name of the function the init script calls on each `securitypolicyviolation` event. */
const CSP_BINDING = '__cashoutReportCspViolation';

interface CspViolation {
  directive: string;
  blockedUri: string;
  source: string;
  disposition: string;
}

/**
 * Chromium at CHROMIUM_PATH, headless, in a fresh profile directory removed on close (a used
 * profile would bring its own state and background fetches into the test). Every page opened
 * from it records its console errors, page errors and CSP violations.
 */
export async function openBrowser(): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: run \`bash infra/local/ensure-chromium.sh\` (or set CHROMIUM_PATH)`);
  }
  const profileDir = await mkdtemp(join(tmpdir(), 'cashout-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
  // A CSP violation is also logged to the console, but the event says which directive and
  // which URL, and it fires for report-only policies too.
  await context.exposeBinding(CSP_BINDING, ({ page }, violation: CspViolation) => {
    problems.get(page)?.push({
      kind: 'csp-violation',
      text: `${violation.disposition}: ${violation.directive} blocked ${violation.blockedUri || '(inline)'} at ${violation.source}`,
    });
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as Record<string, (violation: CspViolation) => void>)[binding];
      report({
        directive: event.effectiveDirective,
        blockedUri: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        disposition: event.disposition,
      });
    });
  }, CSP_BINDING);
  // The persistent context opens with a blank tab of its own; tests use their own tabs.
  await Promise.all(context.pages().map((blank) => blank.close()));

  let closed: Promise<void> | undefined;
  return {
    async page() {
      const page = await context.newPage();
      const found: PageProblem[] = [];
      problems.set(page, found);
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const { url, lineNumber } = message.location();
        if (isImplicitFaviconMiss(url, message.text())) return;
        found.push({ kind: 'console-error', text: url ? `${message.text()} (${url}:${lineNumber})` : message.text() });
      });
      page.on('pageerror', (error) => found.push({ kind: 'page-error', text: error.stack ?? error.message }));
      return page;
    },
    close: () =>
      (closed ??= (async () => {
        try {
          await context.close();
        } finally {
          await rm(profileDir, { recursive: true, force: true });
        }
      })()),
  };
}

/**
 * docs/screenshots/<name>.png of the whole page, only when SCREENSHOTS=1 (for the README and
 * reviews); a normal run writes nothing in the tree. Returns the file written, if any.
 */
export async function screenshot(page: Page, name: string): Promise<string | undefined> {
  if (process.env.SCREENSHOTS !== '1') return undefined;
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name ${JSON.stringify(name)}: letters, digits, '.', '-' and '_' only`);
  const dir = resolve(REPO_ROOT, 'docs', 'screenshots');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** CI=true (as .ci/run sets it), where nothing of this tier may be skipped. */
export function isCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/**
 * Whether apps/console/dist/index.html exists. Locally a missing build only means the console
 * is not there yet (its tests are reported as todo); under CI the build always produces it,
 * so a missing file is an error, never a skip.
 */
export function consoleIsBuilt(): boolean {
  return existsSync(CONSOLE_INDEX_HTML);
}

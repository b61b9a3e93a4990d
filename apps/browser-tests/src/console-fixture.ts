/**
 * What the console suites share beyond the harness: one server and one browser per suite, tabs
 * closed after each test, and the steps a person takes on the console (signing in, driving an
 * intent), so that a change of a label or a button's name is made in one place.
 *
 *   const fixture = consoleFixture();             // in the describe body: registers its hooks
 *   const page = await fixture.page();            // in a test
 *   await fixture.open(page, '#/cmms');
 *   await signIn(page, { phone: '+2250700000001', pin: '0000' });
 */
import type { Page, Response } from 'playwright-core';
import { BrowserSession, ConsoleServer, openBrowser, startConsole } from './harness';

/** A demo user as the sign-in form takes them. */
export interface User {
  phone: string;
  pin: string;
}

/** How long a test waits for an intent to reach a status: the saga runs several hops. */
export const FINAL_WAIT_MS = 20_000;

export interface ConsoleFixture {
  /** Started in beforeAll: read it in a test or a beforeEach, not in the describe body. */
  readonly server: ConsoleServer;
  readonly browser: BrowserSession;
  /** A new tab, closed after the test; `viewport` sets its size (a phone: 375×812). */
  page(viewport?: { width: number; height: number }): Promise<Page>;
  /** Loads the console at a hash route ('#/cmms', '' for its start page). */
  open(page: Page, route: string): Promise<Response | null>;
}

/**
 * Registers the suite's hooks: the embedded server and Chromium start once before its tests
 * and stop after them; the tabs a test opened close after it. Call it in a describe body.
 */
export function consoleFixture(env: Record<string, string> = {}): ConsoleFixture {
  let server: ConsoleServer | undefined;
  let browser: BrowserSession | undefined;
  const pages: Page[] = [];

  beforeAll(async () => {
    server = await startConsole(env);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
  });

  // A clear message rather than "cannot read properties of undefined" when beforeAll failed or
  // the fixture is read too early.
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`consoleFixture: the ${what} is not started (it starts in beforeAll)`);
    return value;
  };

  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async page(viewport) {
      const page = await started(browser, 'browser').page();
      pages.push(page);
      if (viewport) await page.setViewportSize(viewport);
      return page;
    },
    open: (page, route) => page.goto(`${started(server, 'server').baseUrl}/console/${route}`),
  };
}

/** Fills the sign-in form and submits it, without waiting: for a sign-in that is refused. */
export async function submitSignIn(page: Page, user: User): Promise<void> {
  await page.getByLabel('Phone', { exact: true }).fill(user.phone);
  await page.getByLabel('PIN', { exact: true }).fill(user.pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in on the page shown, and waits until the page says so (its "Sign out" button). */
export async function signIn(page: Page, user: User): Promise<void> {
  await submitSignIn(page, user);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Waits until the intent shown on the page is in `status`. */
export async function statusIs(page: Page, status: string, timeout = FINAL_WAIT_MS): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('[data-testid="intent-status"]')?.textContent === expected, status, { timeout });
}

/**
 * An ADMIN's CMMS intent page from CREATED to the click on Confirm, with the OTP filled from the
 * sandbox and the agent's PIN typed; what Confirm brings (a success or a refusal) is the
 * caller's to check.
 */
export async function driveToConfirm(page: Page, agentPin: string): Promise<void> {
  await page.getByRole('button', { name: 'Send OTP' }).click();
  await statusIs(page, 'OTP_SENT');
  await page.getByRole('button', { name: 'Fill OTP from sandbox' }).click();
  await page.waitForFunction(() => /^\d{4,8}$/.test((document.querySelector('input[name="otp"]') as HTMLInputElement | null)?.value ?? ''));
  await page.getByRole('button', { name: 'Verify OTP' }).click();
  await statusIs(page, 'OTP_VERIFIED');
  await page.getByLabel('Agent PIN').fill(agentPin);
  await page.getByRole('button', { name: 'Verify PIN' }).click();
  await statusIs(page, 'PIN_VERIFIED');
  await page.getByRole('button', { name: 'Confirm' }).click();
}

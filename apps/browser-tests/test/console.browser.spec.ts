import type { Page } from 'playwright-core';
import { consoleFixture, driveToConfirm, FINAL_WAIT_MS, signIn, statusIs, submitSignIn } from '../src/console-fixture';
import { consoleIsBuilt, isCi, problemsOf, screenshot } from '../src/harness';

/**
 * The web console (apps/console) in Chromium against the embedded default: the CMMS console
 * and the Mobile Pro simulator driven by a person's clicks, under the gateway's strict CSP.
 * Every test ends with no console error, no page error and no CSP violation on its pages.
 */
const ADMIN = { phone: '+2250700000001', pin: '0000' };
const OPERATOR = { phone: '+2250700000002', pin: '0000' };
const AGENT_1 = { phone: '+2250500000001', pin: '1234' };
const AGENT_2 = { phone: '+2250500000002', pin: '1234' };
const CLIENT_1 = { phone: '+2250100000001', pin: '1111' };
/** Holds 2 000 XOF: a cash-out of 10 000 is refused at confirm. */
const CLIENT_2 = { phone: '+2250100000002', pin: '1111' };

const suite = consoleIsBuilt() || isCi() ? describe : describe.skip;

suite('the web console in Chromium', () => {
  const fixture = consoleFixture();
  const newPage = (width = 1200, height = 900): Promise<Page> => fixture.page({ width, height });

  const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' }).locator('li');
  const timelineStatuses = async (page: Page): Promise<string[]> =>
    timeline(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-status') ?? ''));

  /** The gateway's API from the test itself, as any client would call it. */
  async function call<T>(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`${fixture.server.baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
  const login = async (user: { phone: string; pin: string }): Promise<string> =>
    (await call<{ accessToken: string }>('POST', '/auth/login', undefined, user)).accessToken;

  function expectNoProblems(...checked: Page[]): void {
    for (const page of checked) expect(problemsOf(page)).toEqual([]);
  }

  /** Fits a phone: nothing wider than the viewport. */
  async function expectNoHorizontalScroll(page: Page): Promise<void> {
    const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(width);
  }

  it('a complete CMMS cash-out by an ADMIN, the OTP filled from the sandbox; then the intents list and the operations panel', async () => {
    const page = await newPage();
    await fixture.open(page, '#/');
    await page.getByRole('heading', { level: 1, name: 'Mobile-money cash-out' }).waitFor();
    await screenshot(page, 'console-home');

    await page.getByRole('link', { name: 'CMMS console' }).click();
    await signIn(page, ADMIN);
    await page.getByLabel('Agent phone').fill(AGENT_1.phone);
    await page.getByLabel('Client phone').fill(CLIENT_1.phone);
    await page.getByLabel('Amount').fill('10000');
    await screenshot(page, 'console-cmms-new');
    await page.getByRole('button', { name: 'Open cash-out' }).click();

    await page.waitForURL(/#\/cmms\/intents\/[\w-]+$/);
    const id = decodeURIComponent(page.url().split('/').pop() ?? '');
    await statusIs(page, 'CREATED');
    // Only the steps valid in CREATED are enabled.
    expect(await page.getByRole('button', { name: 'Send OTP' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Verify PIN' }).isDisabled()).toBe(true);

    await driveToConfirm(page, AGENT_1.pin);
    await statusIs(page, 'SUCCEEDED');

    expect(await timelineStatuses(page)).toEqual(expect.arrayContaining(['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'SUCCEEDED']));
    await page
      .getByText(/^cashout-/)
      .first()
      .waitFor();
    await page
      .getByRole('table', { name: `Client ${CLIENT_1.phone}` })
      .locator('tr[data-kind="MAIN"]')
      .waitFor();
    await page
      .getByRole('table', { name: `Agent ${AGENT_1.phone}` })
      .locator('tr[data-kind="COMMISSION"]')
      .waitFor();
    expect(await page.getByRole('alert').allInnerTexts()).toEqual(expect.not.arrayContaining([expect.stringMatching(/\S/)]));
    await screenshot(page, 'console-intent');

    await page.getByRole('link', { name: 'Intents', exact: true }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('SUCCEEDED');
    await page.getByLabel('Filter by agent phone').fill(AGENT_1.phone);
    await page.getByLabel('Filter by client phone').fill(CLIENT_1.phone);
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.getByLabel('To', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const intents = page.getByRole('table', { name: 'Intents' });
    await intents.locator(`a[href="#/cmms/intents/${id}"]`).waitFor();
    for (const row of await intents.locator('tbody tr').allInnerTexts()) expect(row).toContain('SUCCEEDED');
    await screenshot(page, 'console-intents');

    await page.getByRole('link', { name: 'Operations' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="reconciliation-balanced"]')?.textContent === 'yes');
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="dead-letters"]')?.textContent ?? ''));
    await page.getByLabel('Agent phone').fill(AGENT_1.phone);
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByRole('table', { name: 'Agent daily report' }).getByRole('rowheader', { name: 'Total' }).first().waitFor();
    await screenshot(page, 'console-operations');

    expectNoProblems(page);
  });

  it('a Mobile Pro cash-out by QR code: the client shows the token and reads the OTP in its inbox, the agent types both', async () => {
    const client = await newPage(375, 812);
    await fixture.open(client, '#/client');
    await signIn(client, CLIENT_1);
    await client.getByRole('button', { name: 'Show my QR code' }).click();
    const qr = client.getByRole('img', { name: 'QR code' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const token = (await client.getByTestId('qr-token').innerText()).trim();
    expect(token.length).toBeGreaterThan(10);
    await client
      .getByTestId('qr-expiry')
      .getByText(/Expires in \d+:\d\d/)
      .waitFor();

    const agent = await newPage(375, 812);
    await fixture.open(agent, '#/agent');
    await signIn(agent, AGENT_2);
    await agent.getByLabel('Client QR token').fill(token);
    await agent.getByLabel('Amount').fill('5000');
    await agent.getByRole('button', { name: 'Open cash-out' }).click();
    await statusIs(agent, 'CREATED');
    const id = (await agent.getByTestId('intent-id').innerText()).trim();
    await agent.getByRole('button', { name: 'Send OTP' }).click();
    await statusIs(agent, 'OTP_SENT');

    // The client's phone shows the code (its inbox refreshes by itself); the agent types it.
    const messages = client.getByRole('list', { name: 'Messages' });
    const otp = (await messages.locator(`li[data-intent-id="${id}"] [data-testid="inbox-otp"]`).innerText({ timeout: FINAL_WAIT_MS })).trim();
    await agent.getByLabel('OTP', { exact: true }).fill(otp);
    await agent.getByRole('button', { name: 'Verify OTP' }).click();
    await statusIs(agent, 'OTP_VERIFIED');
    await agent.getByLabel('PIN', { exact: true }).fill(AGENT_2.pin);
    await agent.getByRole('button', { name: 'Verify PIN' }).click();
    await statusIs(agent, 'PIN_VERIFIED');
    await agent.getByRole('button', { name: 'Confirm' }).click();
    await statusIs(agent, 'SUCCEEDED');
    await agent.getByRole('table', { name: 'My wallets' }).locator('tr[data-kind="FLOAT"]').waitFor();
    await expectNoHorizontalScroll(agent);
    await screenshot(agent, 'console-agent');

    // The client's phone is told too.
    await messages.locator(`li[data-intent-id="${id}"][data-kind="CASH_OUT_SUCCEEDED"]`).waitFor({ timeout: FINAL_WAIT_MS });
    await expectNoHorizontalScroll(client);
    await screenshot(client, 'console-client');

    expectNoProblems(client, agent);
  });

  it('a refusal in plain words: confirming 10 000 XOF for a client holding 2 000 shows INSUFFICIENT_FUNDS; an AGENT cannot use the CMMS', async () => {
    const page = await newPage();
    await fixture.open(page, '#/cmms');
    await submitSignIn(page, AGENT_1);
    await page
      .getByRole('alert')
      .getByText(/FORBIDDEN: AGENT accounts cannot use this page; sign in as an ADMIN or an OPERATOR/)
      .waitFor();

    await signIn(page, ADMIN);
    await page.getByLabel('Agent phone').fill(AGENT_1.phone);
    await page.getByLabel('Client phone').fill(CLIENT_2.phone);
    await page.getByLabel('Amount').fill('10000');
    await page.getByRole('button', { name: 'Open cash-out' }).click();
    await statusIs(page, 'CREATED');
    await driveToConfirm(page, AGENT_1.pin);

    const alert = page.getByRole('alert').filter({ hasText: 'INSUFFICIENT_FUNDS' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^INSUFFICIENT_FUNDS: the client’s wallet holds less than amount \+ fees/);
    await screenshot(page, 'console-refusal');
    // Chromium itself logs every 4xx answer as "Failed to load resource": the refusal this test
    // asked for is the one problem allowed, and nothing else.
    const [refusal, ...others] = problemsOf(page);
    expect(refusal?.text).toMatch(/^Failed to load resource: the server responded with a status of 422 .*\/intents\/[\w-]+\/confirm/);
    expect(others).toEqual([]);
  });

  it('the live timeline: steps driven through the API appear on the open intent page, with no reload', async () => {
    const operator = await login(OPERATOR);
    const admin = await login(ADMIN);
    const intent = await call<{ id: string }>('POST', '/intents', operator, { agentPhone: AGENT_1.phone, clientPhone: CLIENT_1.phone, amount: 7000 });

    const page = await newPage();
    await fixture.open(page, '#/cmms');
    await signIn(page, OPERATOR);
    await fixture.open(page, `#/cmms/intents/${intent.id}`);
    await statusIs(page, 'CREATED');
    await timeline(page).first().waitFor();
    // A reload or a navigation would drop this mark.
    await page.evaluate(() => ((window as unknown as { liveMark: string }).liveMark = 'still here'));
    // The operator is not ADMIN: no sandbox button.
    expect(await page.getByRole('button', { name: 'Fill OTP from sandbox' }).count()).toBe(0);

    const waitForTimeline = async (status: string): Promise<void> => {
      await page.locator(`ol[aria-label="Timeline"] li[data-status="${status}"]`).waitFor({ timeout: FINAL_WAIT_MS });
    };
    await call('POST', `/intents/${intent.id}/send-otp`, operator);
    await waitForTimeline('OTP_SENT');
    const [record] = await call<{ otp?: string }[]>('GET', `/sandbox/notifications?intentId=${intent.id}&limit=1`, admin);
    await call('POST', `/intents/${intent.id}/verify-otp`, operator, { otp: record.otp });
    await waitForTimeline('OTP_VERIFIED');
    await call('POST', `/intents/${intent.id}/verify-pin`, operator, { pin: AGENT_1.pin });
    await waitForTimeline('PIN_VERIFIED');
    await call('POST', `/intents/${intent.id}/confirm`, operator, undefined, { 'idempotency-key': crypto.randomUUID() });
    await waitForTimeline('SUCCEEDED');
    await statusIs(page, 'SUCCEEDED');

    expect(await timelineStatuses(page)).toEqual(expect.arrayContaining(['CREATED', 'OTP_SENT', 'OTP_VERIFIED', 'PIN_VERIFIED', 'SUCCEEDED']));
    expect(await page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark)).toBe('still here');
    expect(page.url()).toContain(`#/cmms/intents/${intent.id}`);
    expectNoProblems(page);
  });

  it('the intents list pages with its filters: "Next page" keeps them', async () => {
    const operator = await login(OPERATOR);
    const CLIENT_4 = '+2250100000004';
    const created: string[] = [];
    for (let index = 0; index < 21; index++) {
      created.push((await call<{ id: string }>('POST', '/intents', operator, { agentPhone: AGENT_2.phone, clientPhone: CLIENT_4, amount: 1000 + index })).id);
    }

    const page = await newPage();
    await fixture.open(page, '#/cmms/intents');
    await signIn(page, OPERATOR);
    await page.getByLabel('Status', { exact: true }).selectOption('CREATED');
    await page.getByLabel('Filter by agent phone').fill(AGENT_2.phone);
    await page.getByLabel('Filter by client phone').fill(CLIENT_4);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.getByRole('table', { name: 'Intents' }).locator('tbody tr');
    await page.getByRole('heading', { name: 'Page 1' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Intents"] tbody tr').length === 20);
    const firstPage = await rows.allInnerTexts();

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('heading', { name: 'Page 2' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Intents"] tbody tr').length === 1);
    const secondPage = await rows.allInnerTexts();
    for (const row of [...firstPage, ...secondPage]) {
      expect(row).toContain(AGENT_2.phone);
      expect(row).toContain(CLIENT_4);
      expect(row).toContain('CREATED');
    }
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    const links = await page
      .getByRole('table', { name: 'Intents' })
      .locator('a')
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    expect(created.map((id) => `#/cmms/intents/${id}`)).toEqual(expect.arrayContaining(links));
    expectNoProblems(page);
  });
});

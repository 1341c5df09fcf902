import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, expect, inject } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots of each screen go (E2E_SCREENSHOTS, e.g. ../docs/screenshots for the README). */
export const SCREENSHOTS = resolve(process.env.E2E_SCREENSHOTS ?? resolve(import.meta.dirname, '..', 'artifacts', 'screenshots'));

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // With no internet, Chromium stalls on its background services without these.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Content-Security-Policy violations the pages reported; a test that caused one fails. */
const cspViolations: string[] = [];

afterEach(() => {
  expect(cspViolations.splice(0), 'Content-Security-Policy violations').toEqual([]);
});

export async function newContext(browser: Browser, locale = 'en-GB'): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: inject('baseUrl'),
    locale,
    viewport: { width: 1366, height: 860 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  // Start every test in English unless it switches; the choice is remembered in localStorage.
  await context.addInitScript(() => {
    if (!localStorage.getItem('kt_lang')) localStorage.setItem('kt_lang', 'en');
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`);
    });
  });
  // Chromium also logs the violations its event misses (e.g. in the page's first parse).
  context.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /CSP violation|Content Security Policy/.test(text)) cspViolations.push(text);
  });
  return context;
}

/**
 * Sign in: the app starts at the front desk (`/desk`); then, unless `then` is null, go on to
 * `then` (the customers list by default: where most specs begin).
 */
export async function login(page: Page, then: string | null = '/customers'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(inject('email'));
  await page.getByLabel('Password', { exact: true }).fill(inject('password'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/desk/);
  if (then) await page.goto(then);
}

/** The CSRF header the API wants on a write made with the page's cookies. */
export async function csrfHeaders(page: Page): Promise<Record<string, string>> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
  return { 'X-CSRF-Token': csrf };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Client-side URL updates (history.replaceState) fire no load event: poll the address instead. */
export async function waitForSearchParam(page: Page, key: string, value: string | null): Promise<void> {
  await page.waitForFunction(
    ([k, v]) => new URL(window.location.href).searchParams.get(k) === v,
    [key, value] as const,
    { timeout: 30_000 }, // a busy CI machine renders slowly; the test is about the outcome
  );
}

/**
 * The list's "1–50 of N" once N is this view's count: the rows arrive first and the count follows
 * (`data-pending` until then). With `other`, waits until it also differs from that text.
 */
export async function settledTotal(page: Page, other?: string): Promise<string> {
  const handle = await page.waitForFunction((before) => {
    const el = document.querySelector<HTMLElement>('[data-testid="table-total"]');
    if (!el || el.dataset.pending || el.textContent === before) return null;
    return el.textContent;
  }, other ?? null);
  return (await handle.jsonValue()) ?? '';
}

/** A value unique to this run, so tests never depend on what an earlier run left behind. */
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

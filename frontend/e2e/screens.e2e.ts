import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSearchProbe, measureSearchLatency, pickSearchTerms } from '../bench/searchLatency';
import { seriousViolations } from './support/axe';
import { launch, login, newContext, screenshot, unique } from './support/browser';

describe('dashboard, settings, accessibility, search timing', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    const context = await newContext(browser);
    await installSearchProbe(context);
    page = await context.newPage();
    await login(page);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('renders the dashboard with totals, charts and consents', async () => {
    await page.goto('/dashboard');
    await page.getByTestId('total-new_customers').waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    // Revenue is a line with an area, not loose dots (recharts must see series inside fragments).
    await page.locator('path.recharts-area-area[fill^="url"]').first().waitFor();
    await page.getByTestId('consent-stats').locator('tbody tr').first().waitFor();
    await page.getByTestId('dashboard-preset').getByText('Last 7 days').click();
    await page.getByText(/compared with/).waitFor();
    await screenshot(page, 'dashboard');
  });

  it('creates an API key shown once and revokes it, in the settings', async () => {
    await page.goto('/settings?tab=apiKeys');
    const name = unique('Till ');
    await page.getByTestId('api-key-name').fill(name);
    await page.getByTestId('create-api-key').click();
    const secret = (await page.getByTestId('api-key-secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByTestId('api-key-row').filter({ hasText: name });
    expect(await row.textContent()).not.toContain(secret);
    await row.getByTestId('revoke-api-key').click();
    await page.getByTestId('confirm-button').click();
    await row.getByText('Revoked').waitFor();
    await page.goto('/settings?tab=tags');
    await page.getByTestId('tag-row').first().waitFor();
    await screenshot(page, 'settings');
  });

  it('times quick search from the keystroke to the rendered first page', async () => {
    await page.goto('/customers');
    await page.getByTestId('customer-link').first().waitFor();
    // The same measurement `make bench` runs on the seeded million (bench/spa_search.py).
    const terms = await pickSearchTerms(page, 8);
    const report = await measureSearchLatency(page, terms, 1);
    const out = resolve(import.meta.dirname, 'artifacts');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      resolve(out, 'search-timing.json'),
      `${JSON.stringify({ measured_at: new Date().toISOString(), base_url: page.url(), ...report, note: 'last keystroke → first page of the new rows rendered, debounce included' }, null, 2)}\n`,
    );
    expect(report.samples.map((s) => s.term)).toEqual(terms.map((t) => t.term));
    expect(report.samples.every((s) => s.ms >= s.fetch_ms)).toBe(true);
  });

  it('has no serious accessibility violations on the main screens', async () => {
    const found: Record<string, string[]> = {};
    for (const path of ['/desk', '/customers', '/imports', '/dashboard', '/settings']) {
      await page.goto(path);
      await page.locator('main h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      const v = await seriousViolations(page);
      if (v.length > 0) found[path] = v;
    }
    expect(found).toEqual({});
  });
});

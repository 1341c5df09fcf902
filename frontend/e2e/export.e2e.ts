import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique, waitForSearchParam } from './support/browser';

describe('export', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const family = unique('Eksportowa');

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    const csrf = (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    for (const first of ['Ada', 'Iga']) {
      const res = await page.request.post('/api/v1/customers', {
        headers: { 'X-CSRF-Token': csrf },
        data: { first_name: first, last_name: family, email: `${first}.${family}@example.pl`.toLowerCase() },
      });
      expect(res.status()).toBe(201);
    }
  });
  afterAll(async () => {
    await browser.close();
  });

  it('downloads the searched customers as CSV', async () => {
    await page.getByTestId('quick-search').fill(family);
    await waitForSearchParam(page, 'q', family);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-link"]').length === 2);
    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).filter(Boolean);
    // The header row: the table's visible columns in their order, name split into first and last.
    const header = (lines[0] ?? '').split(';');
    expect(header[0]).toMatch(/First name|Imię|Ім/);
    expect(header[1]).toMatch(/Last name|Nazwisko|Прізвище/);
    expect(header.length).toBeGreaterThanOrEqual(6);
    expect(lines).toHaveLength(3);
    expect(text).toContain(family);
  });

  it('lists the export in the settings log', async () => {
    await page.goto('/settings?tab=exports');
    await page.getByTestId('export-log-row').first().waitFor();
    expect(await page.getByTestId('export-log-row').first().textContent()).toContain('CSV');
    await screenshot(page, 'export');
  });
});

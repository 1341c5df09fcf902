import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfHeaders, launch, login, newContext, unique } from './support/browser';

interface Overview {
  totals: { new_customers: number };
}

describe('the dashboard can leave imported customers out', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    const context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    // Four customers from a file, committed in one call, so the figures have imported customers in them.
    const id = unique('imp');
    const csv = ['first_name,last_name,email', ...[1, 2, 3, 4].map((n) => `Anna${n},${id},${id}.${n}@example.pl`)].join('\n');
    const res = await page.request.post('/api/v1/imports?mapping=auto&commit=true', {
      headers: await csrfHeaders(page),
      multipart: { file: { name: `${id}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) } },
    });
    expect(res.status(), await res.text()).toBe(201);
    const importId = ((await res.json()) as { id: string }).id;
    const deadline = Date.now() + 60_000;
    let status = '';
    while (Date.now() < deadline && status !== 'completed') {
      status = ((await (await page.request.get(`/api/v1/imports/${importId}`)).json()) as { status: string }).status;
      if (status !== 'completed') await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe('completed');
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows fewer new customers with the switch on, and as many again with it off', async () => {
    // The switch's track, where a person clicks (the input itself is visually hidden).
    const toggle = () => page.getByTestId('exclude-imported').locator('.mantine-Switch-track').click();
    const overview = (exclude: boolean) =>
      page.waitForResponse((r) => r.url().includes('/api/v1/stats/overview') && r.url().includes(`exclude_imported=${exclude}`) && r.ok());
    const [first] = await Promise.all([overview(false), page.goto('/dashboard')]);
    const all = ((await first.json()) as Overview).totals.new_customers;
    await page.getByTestId('total-new_customers').waitFor();
    const [second] = await Promise.all([overview(true), toggle()]);
    const without = ((await second.json()) as Overview).totals.new_customers;
    expect(all - without).toBeGreaterThanOrEqual(4);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="total-new_customers"]')?.textContent.includes(n),
      new Intl.NumberFormat('en').format(without),
    );
    await toggle();
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="total-new_customers"]')?.textContent.includes(n),
      new Intl.NumberFormat('en').format(all),
    );
  });
});

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique } from './support/browser';

describe('customer 360: points', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let customerId = '';

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    const csrf = (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    const headers = { 'X-CSRF-Token': csrf };
    // A programme: a point per unit, a tenth of a currency unit each, no waiting.
    const programme = await page.request.put('/api/v1/loyalty/programme', {
      headers,
      data: { enabled: true, rules: { points_per_unit: '1', pending_days: 0, expiry_months: 12, point_value: '0.10' } },
    });
    expect(programme.status()).toBe(200);
    const last = unique('Punktowa');
    const res = await page.request.post('/api/v1/customers', {
      headers,
      data: { first_name: 'Olga', last_name: last, email: `${last.toLowerCase()}@example.pl` },
    });
    expect(res.status()).toBe(201);
    customerId = ((await res.json()) as { id: string }).id;
    // A purchase at the till, through the API: 250 earns 250 points.
    const sale = await page.request.post('/api/v1/transactions', {
      headers,
      data: { customer: { id: customerId }, amount: '250' },
    });
    expect(sale.status()).toBe(201);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows the points, redeems some and adjusts with a reason; the ledger follows', async () => {
    await page.goto(`/customers/${customerId}`);
    await page.getByRole('tab', { name: 'Points' }).click();
    await page.getByTestId('customer-points').waitFor();
    expect(await page.getByTestId('points-balance').textContent()).toMatch(/250/);
    expect(await page.getByTestId('ledger-row').count()).toBe(1);
    expect(await page.getByTestId('points-expiring').textContent()).toMatch(/250/);

    await page.getByTestId('redeem-points-open').click();
    // Above the balance: refused before anything is sent.
    await page.getByTestId('redeem-points').fill('400');
    await page.getByText(/At most 250 points/).waitFor();
    expect(await page.getByTestId('redeem-points-run').isDisabled()).toBe(true);
    await page.getByTestId('redeem-points').fill('100');
    await page.getByTestId('redeem-points-run').click();
    await page.getByTestId('redeem-points-run').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="points-balance"]')?.textContent.includes('150'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ledger-row"]').length === 2);
    expect(await page.getByTestId('ledger-row').first().textContent()).toMatch(/Redeemed.*-100/);

    await page.getByTestId('adjust-points-open').click();
    await page.getByTestId('adjust-points').fill('-20');
    // No reason, no adjustment.
    expect(await page.getByTestId('adjust-run').isDisabled()).toBe(true);
    await page.getByTestId('adjust-reason').fill('Returned gift');
    await page.getByTestId('adjust-run').click();
    await page.getByTestId('adjust-run').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="points-balance"]')?.textContent.includes('130'));
    const top = page.getByTestId('ledger-row').first();
    expect(await top.textContent()).toMatch(/Adjusted.*-20.*Returned gift/);
    await screenshot(page, 'customer-points');

    const points = (await (await page.request.get(`/api/v1/customers/${customerId}/points`)).json()) as { balance: number };
    expect(points.balance).toBe(130);
  });

  it('reads the tab in Polish, Ukrainian and Russian', async () => {
    for (const [lang, tab, balance] of [
      ['pl', 'Punkty', 'Saldo punktów'],
      ['uk', 'Бали', 'Баланс балів'],
      ['ru', 'Баллы', 'Баланс баллов'],
    ] as const) {
      await page.evaluate((l) => localStorage.setItem('kt_lang', l), lang);
      await page.goto(`/customers/${customerId}`);
      await page.getByRole('tab', { name: tab }).click();
      expect(await page.getByTestId('points-balance').textContent()).toContain(balance);
    }
    await page.evaluate(() => localStorage.setItem('kt_lang', 'en'));
  });
});

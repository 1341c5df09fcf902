import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique } from './support/browser';

describe('customer 360: vouchers', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let customerId = '';
  let last = '';
  const code = unique('E2E-').toUpperCase();

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    const csrf = (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    last = unique('Bonowa');
    const res = await page.request.post('/api/v1/customers', {
      headers: { 'X-CSRF-Token': csrf },
      data: { first_name: 'Wanda', last_name: last, email: `${last.toLowerCase()}@example.pl` },
    });
    expect(res.status()).toBe(201);
    customerId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser.close();
  });

  it('assigns a voucher and redeems part of it', async () => {
    await page.goto(`/customers/${customerId}`);
    await page.getByTestId('customer-stats').waitFor();
    await page.getByRole('tab', { name: 'Vouchers' }).click();
    await page.getByTestId('assign-voucher').click();
    await page.getByTestId('voucher-value').fill('100');
    await page.getByLabel('Code').fill(code);
    await page.getByTestId('voucher-create').click();
    const card = page.getByTestId('voucher-card').filter({ hasText: code });
    await card.waitFor();
    expect(await card.getByTestId('voucher-status').textContent()).toBe('Active');

    await card.getByTestId('redeem-voucher').click();
    // Above the balance: refused before sending, naming the most that can be taken.
    await page.getByTestId('redeem-amount').fill('130');
    await page.getByText(/At most .*100/).waitFor();
    expect(await page.getByTestId('redeem-run').isDisabled()).toBe(true);
    await page.getByTestId('redeem-amount').fill('30');
    await page.getByTestId('redeem-run').click();
    // A confirm step shows what stays on the voucher.
    expect(await page.getByTestId('redeem-confirm').textContent()).toMatch(/70[.,]00/);
    await page.getByTestId('redeem-run').click();
    await card.getByTestId('voucher-redemptions').waitFor();
    await page.waitForFunction(
      (c) => {
        const el = [...document.querySelectorAll('[data-testid="voucher-card"]')].find((n) => n.textContent.includes(c));
        return el?.querySelector('[data-testid="voucher-balance"]')?.textContent.includes('70');
      },
      code,
    );
    // The header's aggregate cards come from /customers/{id}/summary and follow the redemption.
    await page.waitForFunction(() => document.querySelector('[data-testid="customer-stats"]')?.textContent.includes('30'));
    await page.getByTestId('voucher-create').waitFor({ state: 'detached' });
    await screenshot(page, 'customer-vouchers');
    // The last redemption can be undone while the window lasts: the balance comes back.
    await card.getByTestId('undo-redemption').click();
    await page.waitForFunction(
      (c) => {
        const el = [...document.querySelectorAll('[data-testid="voucher-card"]')].find((n) => n.textContent.includes(c));
        return el?.querySelector('[data-testid="voucher-balance"]')?.textContent.includes('100');
      },
      code,
    );
    await card.getByTestId('undo-redemption').waitFor({ state: 'detached' });
    const undone = (await (await page.request.get(`/api/v1/vouchers/${code}`)).json()) as { balance: string; redemptions: { undone_at: string | null }[] };
    expect(Number(undone.balance)).toBe(100);
    expect(undone.redemptions[0]?.undone_at).toBeTruthy();
    await page.getByRole('tab', { name: 'Transactions' }).click();
    await page.getByTestId('empty-state').or(page.getByTestId('customer-transactions')).waitFor();
  });

  it('uses a percent voucher on a purchase: the discount is computed, not typed', async () => {
    const percentCode = unique('PCT-').toUpperCase();
    const csrf = (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    const res = await page.request.post('/api/v1/vouchers', {
      headers: { 'X-CSRF-Token': csrf },
      data: { kind: 'percent', value: 15, code: percentCode, customer_id: customerId },
    });
    expect(res.status()).toBe(201);
    await page.goto(`/customers/${customerId}`);
    await page.getByRole('tab', { name: 'Vouchers' }).click();
    const card = page.getByTestId('voucher-card').filter({ hasText: percentCode });
    await card.getByTestId('redeem-voucher').click();
    await page.getByTestId('redeem-amount').fill('200');
    await page.getByTestId('redeem-discount').getByText('30').waitFor();
    await page.getByTestId('redeem-run').click();
    await page.getByTestId('redeem-confirm').waitFor();
    await page.getByTestId('redeem-run').click();
    await card.getByTestId('voucher-redemptions').waitFor();
    const after = await page.request.get(`/api/v1/vouchers/${percentCode}`);
    const body = (await after.json()) as { status: string; redemptions: { amount: string; purchase_amount: string }[] };
    expect(body.status).toBe('redeemed');
    expect(body.redemptions.map((r) => [Number(r.amount), Number(r.purchase_amount)])).toEqual([[30, 200]]);
  });

  it('assigns a voucher from the row menu of the list', async () => {
    const rowCode = unique('ROW-').toUpperCase();
    await page.goto(`/customers?q=${encodeURIComponent(last)}`);
    await page.getByTestId('customer-link').first().waitFor();
    await page.getByRole('button', { name: new RegExp(`Actions for Wanda ${last}`) }).click();
    await page.getByRole('menuitem', { name: 'Assign voucher' }).click();
    await page.getByTestId('voucher-value').fill('25');
    await page.getByLabel('Code').fill(rowCode);
    await page.getByTestId('voucher-create').click();
    await page.getByText(`Voucher ${rowCode} assigned`).waitFor();
    const res = await page.request.get(`/api/v1/customers/${customerId}/vouchers`);
    expect(JSON.stringify(await res.json())).toContain(rowCode);
  });
});

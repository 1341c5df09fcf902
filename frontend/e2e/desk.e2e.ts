import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { csrfHeaders, launch, login, newContext, screenshot, unique } from './support/browser';

/** Today's month and day in Warsaw (the demo tenant's time zone), as YYYY-MM-DD of a year long past. */
function birthDateToday(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
  return `1986-${today.slice(5)}`;
}

describe('the front desk home and the till', () => {
  let browser: Browser;
  let page: Page;
  const last = unique('Recepcja');
  const lapsedLast = unique('Dawno');
  let customerId = '';
  let voucherCode = '';

  beforeAll(async () => {
    browser = await launch();
    const context = await newContext(browser);
    page = await context.newPage();
    await login(page, null);
    const headers = await csrfHeaders(page);
    const post = async (url: string, data: unknown) => {
      const res = await page.request.post(url, { headers, data });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return (await res.json()) as Record<string, unknown>;
    };
    const created = await post('/api/v1/customers?allow_duplicate=true', {
      first_name: 'Zofia', last_name: last, phone: `+4851${String(Date.now()).slice(-7)}`, birth_date: birthDateToday(),
    });
    customerId = String(created.id);
    const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const voucher = await post('/api/v1/vouchers', { customer_id: customerId, kind: 'amount', value: '100.00', valid_until: inTenDays });
    voucherCode = String(voucher.code);
    // Someone not seen for 200 days who spent a lot: first among the lapsed of half a year.
    const lapsed = await post('/api/v1/customers?allow_duplicate=true', { first_name: 'Irena', last_name: lapsedLast, email: `${lapsedLast.toLowerCase()}@example.pl` });
    await post('/api/v1/transactions', {
      customer: { id: lapsed.id }, amount: '98765.00', occurred_at: new Date(Date.now() - 200 * 86_400_000).toISOString(),
    });
    // The desk loaded its lists as the login landed on it, before these existed: load it again
    // (same address, so the test still sees where the login led).
    await page.reload();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('is the start page after login, with birthdays, expiring vouchers and lapsed customers', async () => {
    expect(new URL(page.url()).pathname).toBe('/desk');
    await page.getByTestId('desk').waitFor();
    await page.getByTestId('desk-birthdays').getByText(`Zofia ${last}`).waitFor();
    await page.getByTestId('desk-expiring').getByText(voucherCode).waitFor();
    await page.getByTestId('desk-lapsed-days').getByText('180 days').click();
    await page.getByTestId('desk-lapsed').getByText(`Irena ${lapsedLast}`).waitFor();
    // 365 days back she was seen: she is no longer lapsed.
    await page.getByTestId('desk-lapsed-days').getByText('365 days').click();
    await page.waitForFunction((name) => !document.querySelector('[data-testid="desk-lapsed"]')?.textContent.includes(name), `Irena ${lapsedLast}`);
  });

  it('finds a customer from the box and opens the 360 page', async () => {
    await page.getByTestId('desk-find').fill(last);
    await page.getByTestId('finder-match').filter({ hasText: last }).click();
    await page.waitForURL(new RegExp(`/customers/${customerId}$`));
    await page.getByTestId('customer-name').waitFor();
  });

  it('offers to add someone it cannot find, with the typed name in the form', async () => {
    await page.goto('/desk');
    const nobody = unique('Nikt');
    await page.getByTestId('desk-find').fill(`Jan ${nobody}`);
    await page.getByTestId('finder-none').waitFor();
    await page.getByTestId('desk-find-add').click();
    await page.waitForURL(/\/customers\/new\?prefill=/);
    expect(await page.getByLabel('First name').inputValue()).toBe('Jan');
    expect(await page.getByLabel('Last name').inputValue()).toBe(nobody);
  });

  it('records a sale at the till and redeems the voucher, then shows the customer as last served', async () => {
    await page.goto('/desk');
    await page.getByTestId('new-sale').click();
    await page.getByTestId('sale-find').fill(last);
    await page.getByTestId('finder-match').filter({ hasText: last }).click();
    expect(await page.getByTestId('sale-customer').textContent()).toContain(last);
    await page.getByTestId('sale-amount').fill('120');
    await page.getByTestId('sale-record').click();
    await page.getByTestId('sale-recorded').waitFor();
    expect(await page.getByTestId('sale-recorded').textContent()).toMatch(/Purchase of .*120\.00 recorded/);
    await screenshot(page, 'desk-sale');
    await page.getByTestId('sale-voucher').filter({ hasText: voucherCode }).getByTestId('sale-redeem').click();
    await page.getByTestId('redeem-amount').fill('30');
    await page.getByTestId('redeem-run').click();
    await page.getByTestId('redeem-confirm').waitFor();
    await page.getByTestId('redeem-run').click();
    await page.getByTestId('redeem-amount').waitFor({ state: 'detached' });
    const voucher = (await (await page.request.get(`/api/v1/vouchers/${voucherCode}`)).json()) as { balance: string };
    expect(Number(voucher.balance)).toBe(70);
    const tx = (await (await page.request.get(`/api/v1/customers/${customerId}/transactions`)).json()) as { items: { amount: string; kind: string }[] };
    expect(tx.items.map((t) => [t.kind, Number(t.amount)])).toContainEqual(['purchase', 120]);
    await page.keyboard.press('Escape');
    await page.getByTestId('desk-last-served').getByText(`Zofia ${last}`).waitFor();
    // The sale dialog fades out: the picture is of the desk alone.
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await screenshot(page, 'desk');
  });

  it('has no serious accessibility violation', async () => {
    await page.goto('/desk');
    await page.getByTestId('desk-birthdays').getByText(`Zofia ${last}`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

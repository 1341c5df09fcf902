import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique } from './support/browser';

/** The first row's cell of a column, by its position among the header cells. */
async function cellBox(page: Page, header: string) {
  const headers = await page.locator('table thead th').allTextContents();
  const index = headers.findIndex((h) => h.trim() === header);
  expect(index, `column ${header} in ${headers.join('|')}`).toBeGreaterThanOrEqual(0);
  const cell = page.locator('table tbody tr').first().locator('td').nth(index);
  return { cell, box: await cell.boundingBox() };
}

describe('layout: the desk tablet, a wide screen, unknown addresses, date fields', () => {
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
    const last = unique('Aaatablet');
    // A fixed number another spec may hold too: the test is about layout, not duplicates.
    const res = await page.request.post('/api/v1/customers?allow_duplicate=true', {
      headers: { 'X-CSRF-Token': csrf },
      data: { first_name: 'Zofia', last_name: last, phone: '+48790554330', birth_date: '1988-03-27', tags: ['VIP'] },
    });
    expect(res.status()).toBe(201);
    customerId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser.close();
  });

  it('on the 820 px tablet folds the navigation and shows name, phone and tags without scrolling sideways', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`/customers?sort=-created_at`);
    await page.getByTestId('customer-link').first().waitFor();
    const burger = page.getByRole('button', { name: 'Toggle navigation' });
    expect(await burger.isVisible()).toBe(true);
    const nav = await page.getByRole('navigation', { name: 'Main navigation' }).boundingBox();
    // Collapsed: moved out of the screen, taking no width from the list.
    expect(nav === null || nav.x + nav.width <= 0).toBe(true);
    for (const column of ['Name', 'Phone', 'Tags']) {
      const { box } = await cellBox(page, column);
      expect(box, column).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0), `${column} ends inside the screen`).toBeLessThanOrEqual(820);
    }
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(820);
    // Phone numbers read in groups, not as raw E.164.
    const { cell } = await cellBox(page, 'Phone');
    expect(await cell.textContent()).toMatch(/^\+\d{1,3} \d{2,3} \d{3}/);
    await screenshot(page, 'customers-tablet');
    await burger.click();
    const link = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Dashboard' });
    await link.click();
    await page.waitForURL(/\/dashboard/);
  });

  it('shows the phone formatted on the list for the customer made with +48790554330', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/customers/${customerId}`);
    await page.getByText('+48 790 554 330').first().waitFor();
  });

  it('at 1440 px keeps the name column in view while the list scrolls sideways', async () => {
    await page.goto('/customers?sort=-created_at');
    await page.getByTestId('customer-link').first().waitFor();
    const before = await cellBox(page, 'Name');
    const phoneBefore = await cellBox(page, 'Phone');
    // The list's own sideways scroller: the nearest box around the table that scrolls.
    const scrolled = await page.locator('table').first().evaluate((table) => {
      let el = table.parentElement;
      while (el && !(el.scrollWidth > el.clientWidth && /auto|scroll/.test(getComputedStyle(el).overflowX))) el = el.parentElement;
      if (!el) return 0;
      el.scrollLeft = el.scrollWidth;
      return el.scrollLeft;
    });
    expect(scrolled, 'the default columns are wider than the screen').toBeGreaterThan(0);
    const after = await cellBox(page, 'Name');
    const phoneAfter = await cellBox(page, 'Phone');
    // The other columns moved left; the name stayed in view, at the list's left edge.
    expect((phoneAfter.box?.x ?? 0) - (phoneBefore.box?.x ?? 0)).toBeLessThan(-50);
    expect(after.box?.x ?? -1).toBeGreaterThanOrEqual((before.box?.x ?? 0) - 60);
    expect(after.box?.x ?? 9999).toBeLessThanOrEqual(before.box?.x ?? 0);
    expect(await after.cell.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    // The selection column sticks too, and the name sits beside it, not under it.
    const check = page.locator('tbody tr').first().locator('td').first();
    const checkBox = await check.boundingBox();
    expect(await check.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    expect(after.box?.x ?? 0).toBeGreaterThanOrEqual((checkBox?.x ?? 0) + (checkBox?.width ?? 0) - 1);
    await screenshot(page, 'customers-1440');
  });

  it('at 1440 px fits the page: nothing off the right edge, the row menu in view', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/customers?sort=-created_at');
    await page.getByTestId('customer-link').first().waitFor();
    // The page itself never scrolls sideways: only the list's own scroller does.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    const table = await page.locator('table').first().evaluate((t) => {
      let el = t.parentElement;
      while (el && !/auto|scroll/.test(getComputedStyle(el).overflowX)) el = el.parentElement;
      const r = (el ?? t).getBoundingClientRect();
      return { left: r.left, right: r.right };
    });
    expect(table.right).toBeLessThanOrEqual(1440);
    // The row menu sticks at the right edge of the list, inside the screen, before any scrolling.
    const menu = await page.getByRole('button', { name: /^Actions for / }).first().boundingBox();
    expect(menu).not.toBeNull();
    expect((menu?.x ?? 9999) + (menu?.width ?? 0)).toBeLessThanOrEqual(table.right + 1);
    expect(menu?.x ?? -1).toBeGreaterThanOrEqual(table.left);
  });

  it('shows its own page for an unknown address', async () => {
    await page.goto('/no-such-screen/42');
    await page.getByTestId('not-found').waitFor();
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.getByTestId('not-found').textContent()).toContain('/no-such-screen/42');
    await page.getByRole('link', { name: 'Go to customers' }).click();
    await page.waitForURL(/\/customers/);
  });

  it('shows a date field as a real date in the language, never "L"', async () => {
    await page.goto(`/customers/${customerId}/edit`);
    const birth = page.getByLabel('Birth date');
    await birth.waitFor();
    expect(await birth.inputValue()).toBe('03/27/1988');
    // The filter builder's date inputs use the same setup.
    await page.goto('/customers');
    await page.getByTestId('open-filter').click();
    await page.getByRole('dialog').waitFor();
    const texts = await page.getByRole('dialog').locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(texts).not.toContain('L');
  });
});

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, settledTotal, unique } from './support/browser';

/** Pick an option of a Mantine Select by typing into it. */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function setCondition(page: Page, row: Locator, field: string, op: string, value?: string): Promise<void> {
  await choose(page, row.getByTestId('filter-field'), field);
  await choose(page, row.getByTestId('filter-op'), op);
  if (value !== undefined) await choose(page, row.getByRole('textbox', { name: 'Value' }), value);
}

describe('filter builder and segments', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const segmentName = unique('E2E segment ');
  let filteredUrl = '';
  let filteredTotal = '';

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    await page.getByTestId('customer-link').first().waitFor();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('builds a two-group AND/OR filter', async () => {
    const allTotal = await settledTotal(page);
    await page.getByTestId('open-filter').click();
    const drawer = page.getByRole('dialog', { name: 'Filter customers' });
    // The root group's buttons come last; each nested group has its own.
    await drawer.getByTestId('filter-add-group').click();
    await drawer.getByTestId('filter-add-group').last().click();
    const groups = drawer.getByTestId('filter-group-1');
    expect(await groups.count()).toBe(2);

    const g1 = groups.nth(0);
    await setCondition(page, g1.getByTestId('filter-condition').nth(0), 'Status', 'is', 'Active');
    await g1.getByTestId('filter-add-condition').click();
    await setCondition(page, g1.getByTestId('filter-condition').nth(1), 'Type', 'is', 'Lead');

    const g2 = groups.nth(1);
    await setCondition(page, g2.getByTestId('filter-condition').nth(0), 'Email', 'is not empty');
    await g2.getByTestId('filter-add-condition').click();
    await setCondition(page, g2.getByTestId('filter-condition').nth(1), 'Tags', 'is not empty');
    await screenshot(page, 'filter-builder');

    await drawer.getByTestId('filter-apply').click();
    await page.getByTestId('filter-chip').first().waitFor();
    expect(await page.getByTestId('filter-chip').count()).toBe(2);
    expect(await page.getByTestId('filter-chip').first().textContent()).toContain('OR');
    filteredTotal = await settledTotal(page, allTotal);
    filteredUrl = page.url();
    expect(new URL(filteredUrl).searchParams.get('filter')).toContain('"or"');
  });

  it('saves it as a segment with a live count', async () => {
    await page.getByTestId('save-segment').click();
    await page.getByTestId('segment-name').fill(segmentName);
    await page.getByTestId('segment-save-confirm').click();
    await page.getByRole('dialog', { name: 'Save as segment' }).waitFor({ state: 'hidden' });
    const item = page.getByTestId('segment-list').getByRole('link', { name: new RegExp(segmentName) }).or(
      page.getByTestId('segment-list').locator('a, button').filter({ hasText: segmentName }),
    );
    await item.first().waitFor();
    const total = filteredTotal.replace(/^.* of /, '');
    expect(await item.first().getByTestId('segment-count').textContent()).toBe(total);
    await screenshot(page, 'customers-filtered');
  });

  it('shows the same rows when the URL is opened again', async () => {
    const firstRows = await page.getByTestId('customer-link').allTextContents();
    await page.goto('about:blank');
    await page.goto(filteredUrl);
    await page.getByTestId('filter-chip').first().waitFor();
    await page.getByTestId('customer-link').first().waitFor();
    expect(await settledTotal(page)).toBe(filteredTotal);
    expect(await page.getByTestId('customer-link').allTextContents()).toEqual(firstRows);
  });

  it('goes back to everyone and into the segment again from the side list', async () => {
    const list = page.getByTestId('segment-list');
    await list.getByText('All customers').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="filter-chip"]'));
    await list.getByText(segmentName).click();
    await page.getByTestId('filter-chip').first().waitFor();
    await page.waitForFunction((t) => {
      const el = document.querySelector<HTMLElement>('[data-testid="table-total"]');
      return el && !el.dataset.pending && el.textContent === t;
    }, filteredTotal);
  });
});

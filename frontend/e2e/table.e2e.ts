import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, settledTotal, waitForSearchParam } from './support/browser';

describe('the customers table', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    await page.getByTestId('customer-link').first().waitFor();
    // The first view settled (rows and their count): a click now is not raced by its loading.
    await settledTotal(page);
  });
  afterAll(async () => {
    await browser.close();
  });

  const headers = () => page.locator('table thead th').allTextContents();

  it('sorts by a header click and keeps the sort in the URL', async () => {
    await page.getByTestId('sort-email').click();
    await waitForSearchParam(page, 'sort', 'email');
    await page.getByTestId('sort-email').click();
    await waitForSearchParam(page, 'sort', '-email');
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Email');
    await page.reload();
    await page.locator('th[aria-sort="descending"]').waitFor();
    // The reloaded view settles before the next test clicks: a control clicked while the rows and
    // their count arrive can be re-rendered away under the click.
    await settledTotal(page);
  });

  it('pages with a chosen page size and shows the total', async () => {
    await page.getByLabel('Rows per page').click();
    await page.getByRole('option', { name: '25', exact: true }).click();
    await waitForSearchParam(page, 'page_size', '25');
    // The previous page stays on screen until the smaller one arrives (no flicker): wait for it.
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 25);
    await page.getByRole('button', { name: 'Next page' }).click();
    await waitForSearchParam(page, 'page', '2');
    expect(await page.getByTestId('table-total').textContent()).toMatch(/^26–50 of /);
  });

  it('hides, reorders and remembers columns', async () => {
    await page.getByTestId('column-chooser').click();
    await page.getByRole('checkbox', { name: 'Phone' }).uncheck();
    await page.getByRole('checkbox', { name: 'Total spent' }).waitFor();
    // Email comes after name, phone and tags (the desk's columns first): up past all three.
    for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Move Email up' }).click();
    await page.keyboard.press('Escape');
    expect(await headers()).not.toContain('Phone');
    await page.reload();
    await page.getByTestId('customer-link').first().waitFor();
    const after = await headers();
    expect(after).not.toContain('Phone');
    expect(after.indexOf('Email')).toBeLessThan(after.indexOf('Name'));
    await page.getByTestId('column-chooser').click();
    await page.getByRole('button', { name: 'Reset to default' }).click();
    await page.keyboard.press('Escape');
    expect(await headers()).toContain('Phone');
  });
});

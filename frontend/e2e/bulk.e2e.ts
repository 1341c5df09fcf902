import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique, waitForSearchParam } from './support/browser';

describe('bulk actions', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const family = unique('Bulkowa');
  const tag = unique('Bulk-');

  /** Customers made through the API with the browser's own session (and its CSRF token). */
  async function createCustomer(firstName: string): Promise<void> {
    const csrf = (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    const res = await page.request.post('/api/v1/customers', {
      headers: { 'X-CSRF-Token': csrf },
      data: { first_name: firstName, last_name: family, email: `${firstName}.${family}@example.pl`.toLowerCase() },
    });
    expect(res.status()).toBe(201);
  }

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    for (const name of ['Ala', 'Ola', 'Ela']) await createCustomer(name);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('tags a selection of rows', async () => {
    await page.getByTestId('quick-search').fill(family);
    await waitForSearchParam(page, 'q', family);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-link"]').length === 3);
    const boxes = page.getByTestId('select-row');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('2 selected');
    await page.getByTestId('bulk-actions').click();
    await page.getByRole('menuitem', { name: 'Add tags' }).click();
    const input = page.getByTestId('bulk-tags-input');
    await input.fill(tag);
    await input.press('Enter');
    // Close the suggestions that cover the button.
    await page.getByRole('dialog').getByText('Add tags to 2 customers').click();
    await page.getByTestId('bulk-tags-run').click();
    await page.getByText('Done: 2 customers changed').waitFor();
    await page.waitForFunction((t) => [...document.querySelectorAll('[data-testid="tag-chip"]')].filter((el) => el.textContent === t).length === 2, tag);
    await screenshot(page, 'customers-bulk');
    // The action ends by clearing the selection, after tags and segments are refreshed too.
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
  });

  it('mass-edits a field of every customer on the page', async () => {
    await page.getByTestId('select-page').check();
    await page.getByTestId('bulk-actions').click();
    await page.getByTestId('bulk-mass-edit').click();
    const apply = page.getByTestId('mass-edit-apply');
    expect(await apply.isDisabled()).toBe(true);
    await page.getByTestId('mass-edit-pick-city').check();
    await page.getByTestId('mass-edit-city').fill('Zakopane');
    await apply.click();
    await page.getByText('Done: 3 customers changed').waitFor();
    // The action ends by clearing the selection, after the list is refreshed.
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    const res = await page.request.get(`/api/v1/customers?q=${encodeURIComponent(family)}`);
    const cities = ((await res.json()) as { items: { city: string | null }[] }).items.map((c) => c.city);
    expect(cities).toEqual(['Zakopane', 'Zakopane', 'Zakopane']);
  });

  it('deletes everything the search matches after the count is typed', async () => {
    await page.getByTestId('select-page').check();
    await page.getByTestId('bulk-actions').click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByTestId('confirm-button');
    await page.getByTestId('type-to-confirm').waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('type-to-confirm').fill('2');
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('type-to-confirm').fill('3');
    await confirm.click();
    // The mass edit's "Done" may still be on screen: the empty list is what proves the delete.
    await page.getByText('Done: 3 customers changed').last().waitFor();
    await page.getByTestId('empty-state').waitFor();
  });
});

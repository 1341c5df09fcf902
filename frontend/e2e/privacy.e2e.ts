import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique } from './support/browser';

describe('customer 360: the person’s rights', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const last = unique('Zapomniana');
  let id = '';

  async function csrf(): Promise<string> {
    return (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
  }

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    const res = await page.request.post('/api/v1/customers', {
      headers: { 'X-CSRF-Token': await csrf() },
      data: { first_name: 'Irena', last_name: last, email: `${last.toLowerCase()}@example.pl`, tags: ['VIP'] },
    });
    expect(res.status()).toBe(201);
    id = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser.close();
  });

  it('hands over everything held as a download', async () => {
    await page.goto(`/customers/${id}`);
    await page.getByTestId('customer-name').waitFor();
    await page.getByTestId('privacy-menu').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /JSON/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`personal-data-${id}.json`);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const body = JSON.parse(readFileSync(path, 'utf8')) as { customer: { last_name: string } };
    expect(body.customer.last_name).toBe(last);
  });

  it('erases the person only after their name is typed, and keeps a tombstone', async () => {
    await page.goto(`/customers/${id}`);
    await page.getByTestId('customer-name').waitFor();
    await page.getByTestId('privacy-menu').click();
    await page.getByTestId('erase-customer').click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByTestId('confirm-button');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByTestId('type-to-confirm').fill(`Irena ${last}`);
    await screenshot(page, 'customer-erase');
    await confirm.click();
    await page.getByTestId('erased-badge').waitFor();
    await page.getByTestId('erased-note').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe('—');
    expect(await page.getByTestId('edit-customer').count()).toBe(0);

    // The same person cannot be added back by mistake.
    const again = await page.request.post('/api/v1/customers', {
      headers: { 'X-CSRF-Token': await csrf() },
      data: { first_name: 'Irena', email: `${last.toLowerCase()}@example.pl` },
    });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('erased_subject');
  });
});

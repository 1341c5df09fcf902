import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique } from './support/browser';

describe('duplicate contacts: warned while typing, merged or saved anyway', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const digits = `79${String(Date.now()).slice(-7)}`;
  let holderId = '';
  let holderName = '';

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    const csrf = (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    holderName = unique('Dąbrowska');
    const res = await page.request.post('/api/v1/customers', {
      headers: { 'X-CSRF-Token': csrf },
      data: { first_name: 'Zofia', last_name: holderName, phone: `+48${digits}` },
    });
    expect(res.status()).toBe(201);
    holderId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser.close();
  });

  it('names who holds the number as it is typed, and merges the new record into theirs', async () => {
    await page.goto('/customers/new');
    await page.getByLabel('First name').fill('Zosia');
    await page.getByTestId('email-input').fill(`${holderName.toLowerCase()}@example.pl`);
    await page.getByTestId('phone-input').fill(`${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`);
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`Zofia ${holderName}`);
    await screenshot(page, 'duplicate-warning');
    await warning.getByTestId('duplicate-merge').click();
    const modal = page.getByRole('dialog');
    await modal.getByTestId('merge-confirm').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="merge-confirm"]')?.hasAttribute('disabled'));
    await modal.getByTestId('merge-confirm').click();
    await page.waitForURL(new RegExp(`/customers/${holderId}$`));
    // The typed email moved onto the customer who was there.
    await page.getByText(`${holderName.toLowerCase()}@example.pl`).first().waitFor();
  });

  it('refuses the save with the holder named, then saves anyway when asked', async () => {
    await page.goto('/customers/new');
    await page.getByLabel('First name').fill('Marek');
    await page.getByTestId('phone-input').fill(digits);
    await page.getByTestId('duplicate-warning').waitFor();
    await page.getByTestId('save-customer').click();
    // The API's 409 duplicate_contact keeps the warning up and nothing is saved.
    await page.getByTestId('duplicate-warning').waitFor();
    expect(page.url()).toMatch(/\/customers\/new$/);
    await page.getByTestId('save-anyway').click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    expect(page.url()).not.toContain(holderId);
  });
});

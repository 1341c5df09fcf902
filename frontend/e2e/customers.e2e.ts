import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique, waitForSearchParam } from './support/browser';

describe('customers: add, find, edit', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const lastName = unique('Testowa');
  const tag = unique('VIP-');
  // A Polish mobile number unique to this run: 6xx xxx xxx.
  const phoneDigits = `6${String(Date.now()).slice(-8)}`;
  let customerUrl = '';

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows inline errors before talking to the API', async () => {
    await page.getByTestId('add-customer').click();
    await page.waitForURL(/\/customers\/new/);
    await page.getByTestId('save-customer').click();
    // Neither email nor phone: both fields are marked; no name at all: refused, saying why.
    await page.getByText('Enter an email or a phone number').first().waitFor();
    expect(await page.getByText('Enter an email or a phone number').count()).toBe(2);
    await page.getByText('Enter a first name, last name or company name').first().waitFor();
    expect(await page.getByTestId('phone-input').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('email-input').fill('not-an-email');
    await page.getByTestId('save-customer').click();
    await page.getByText('Enter a valid email address').waitFor();
  });

  it('adds a customer with a new coloured tag, a phone and a consent', async () => {
    await page.getByLabel('First name').fill('Zofia');
    await page.getByLabel('Last name').fill(lastName);
    await page.getByTestId('email-input').fill(`${lastName.toLowerCase()}@example.pl`);
    await page.getByTestId('phone-input').fill(`${phoneDigits.slice(0, 3)} ${phoneDigits.slice(3, 6)} ${phoneDigits.slice(6)}`);
    const tags = page.getByRole('textbox', { name: 'Tags' });
    await tags.fill(tag);
    await tags.press('Enter');
    await page.getByRole('button', { name: `Colour #e64980 for ${tag}` }).click();
    await page.getByTestId('consent-sms_marketing').check({ force: true });
    await screenshot(page, 'customer-form');
    await page.getByTestId('save-customer').click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    customerUrl = new URL(page.url()).pathname;
    await page.getByTestId('customer-name').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe(`Zofia ${lastName}`);
    const chip = page.getByTestId('tag-chip').filter({ hasText: tag });
    expect(await chip.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(230, 73, 128)');
    await page.getByRole('tab', { name: 'Profile' }).waitFor();
    // Shown for reading, in groups (formatPhone), not as the stored E.164.
    await page.getByText(new RegExp(`^\\+48 ${phoneDigits.split('').join(' ?')}$`)).first().waitFor();
    await screenshot(page, 'customer-360');
  });

  it('finds the customer by a phone fragment in the quick search', async () => {
    await page.goto('/customers');
    await page.getByTestId('customer-link').first().waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type(phoneDigits.slice(2, 7));
    await waitForSearchParam(page, 'q', phoneDigits.slice(2, 7));
    const row = page.getByTestId('customer-link').filter({ hasText: lastName });
    await row.waitFor();
    // ↓ from the search box into the first row, Enter opens it.
    await page.getByTestId('quick-search').press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  });

  it('edits the customer and shows the change in the history', async () => {
    await page.goto(customerUrl);
    await page.getByTestId('edit-customer').click();
    await page.waitForURL(/\/edit$/);
    await page.getByLabel('City').fill('Łódź');
    await page.getByTestId('save-customer').click();
    await page.waitForURL((url) => url.pathname === customerUrl);
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByTestId('customer-history');
    await history.getByText('Łódź').first().waitFor();
    expect(await history.getByText('Updated').count()).toBeGreaterThan(0);
  });

  it('names the customer who already has the email instead of saving a duplicate', async () => {
    await page.goto('/customers/new');
    await page.getByLabel('First name').fill('Duplicate');
    await page.getByTestId('email-input').fill(`${lastName.toLowerCase()}@example.pl`);
    await page.getByTestId('save-customer').click();
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`Zofia ${lastName}`);
    expect(page.url()).toMatch(/\/customers\/new$/);
  });
});

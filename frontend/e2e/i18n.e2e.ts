import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, unique } from './support/browser';

/** Words of the English screens that must not show on a Polish, Ukrainian or Russian one. */
const ENGLISH = ['Customers', 'Settings', 'Dashboard', 'Front desk', 'New sale', 'Activity', 'Birthdays today', 'Rename / describe', 'Leave imported customers out', 'Transactions', 'History', 'Granted', 'Withdrawn', 'Never asked', 'Added by staff', 'Last visit', 'Total spent'];

/** Raw codes on screen: snake_case words (`at_risk`, `email_marketing`) and i18n keys (`customer.fields.x`). */
async function rawCodes(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  // Emails, addresses and API key prefixes (`kt_84…`) are data, not codes.
  const clean = text.replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ').replace(/\bkt_[A-Za-z0-9]+/g, ' ');
  const snake = clean.match(/\b[a-z]{2,}(?:_[a-z0-9]+)+\b/g) ?? [];
  const keys = clean.match(/\b[a-z]+(?:\.[a-zA-Z_]+){2,}\b/g) ?? [];
  return [...new Set([...snake, ...keys])];
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 8000 }).catch(() => undefined);
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Skeleton-root').length === 0, null, { timeout: 15_000 }).catch(() => undefined);
}

describe('every word in the user language: a walk through the main screens in EN, PL, UK and RU', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let customerId = '';
  let segmentId = '';

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    const csrf = (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    const headers = { 'X-CSRF-Token': csrf };
    const res = await page.request.post('/api/v1/customers', {
      headers,
      data: {
        first_name: 'Halina', last_name: unique('Słowik'), phone: `+4869${String(Date.now()).slice(-7)}`, birth_date: '1979-05-04',
        consents: { email_marketing: { granted: true, source: 'manual' }, sms_marketing: { granted: false, source: 'import' } },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const created = (await res.json()) as { id: string };
    customerId = created.id;
    const etag = (await page.request.get(`/api/v1/customers/${customerId}`)).headers().etag ?? '*';
    const upd = await page.request.patch(`/api/v1/customers/${customerId}`, {
      headers: { ...headers, 'If-Match': etag },
      data: { city: 'Kraków' },
    });
    expect(upd.status(), await upd.text()).toBe(200);
    const note = await page.request.post(`/api/v1/customers/${customerId}/notes`, { headers, data: { text: 'Woli terminy rano.' } });
    expect(note.status(), await note.text()).toBe(201);
    const tx = await page.request.post('/api/v1/transactions', { headers, data: { customer: { id: customerId }, amount: '88.00' } });
    expect(tx.status(), await tx.text()).toBeLessThan(300);
    const seg = await page.request.post('/api/v1/segments', { headers, data: { name: unique('Słowiki '), description: 'Klienci z Krakowa', filter: "city = 'Kraków'" } });
    expect(seg.status(), await seg.text()).toBe(201);
    segmentId = ((await seg.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser.close();
  });

  for (const lang of ['en', 'pl', 'uk', 'ru'] as const) {
    it(`shows no missing key and no raw code in ${lang}`, async () => {
      await page.evaluate((l) => localStorage.setItem('kt_lang', l), lang);
      const found: Record<string, string[]> = {};
      const missing = new Set<string>();
      const check = async (screen: string) => {
        await settle(page);
        const codes = await rawCodes(page);
        const english = lang === 'en' ? [] : (await page.evaluate((words) => words.filter((w) => new RegExp(`\\b${w}\\b`).test(document.body.innerText)), ENGLISH));
        const bad = [...codes, ...english.map((w) => `English: ${w}`)];
        if (bad.length > 0) found[screen] = bad;
        // Each full load starts a new record: collect it screen by screen.
        for (const key of await page.evaluate(() => window.__i18nMissing ?? [])) missing.add(`${screen}: ${key}`);
      };
      await page.goto('/desk');
      await page.getByTestId('desk-birthdays').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      await check('desk');
      await page.getByTestId('new-sale').click();
      await page.getByTestId('sale-find').fill('Halina');
      await page.getByTestId('finder-match').first().click();
      await page.getByTestId('sale-amount').waitFor();
      await check('till');
      await page.keyboard.press('Escape');
      await page.goto('/customers');
      await page.getByTestId('customer-link').first().waitFor();
      await check('customers');
      await page.getByTestId('open-filter').click();
      await page.getByRole('dialog').waitFor();
      await check('filter');
      await page.keyboard.press('Escape');

      await page.goto(`/customers/${customerId}`);
      await page.getByTestId('edit-customer').waitFor();
      await check('360 profile');
      for (const tab of await page.getByRole('tab').all()) {
        const name = (await tab.textContent()) ?? '';
        await tab.click();
        await check(`360 ${name}`);
      }
      await page.goto(`/customers/${customerId}/edit`);
      await page.locator('form').waitFor();
      await check('edit');
      await page.goto('/customers/new');
      await page.locator('form').waitFor();
      await check('new');
      await page.goto('/dashboard');
      await page.getByTestId('dashboard').waitFor();
      await check('dashboard');
      await page.goto('/imports');
      await check('imports');
      await page.goto(`/customers?segment=${segmentId}`);
      await page.getByTestId('segment-bar').waitFor();
      await check('segment');
      for (const tab of ['tags', 'fields', 'users', 'apiKeys', 'webhooks', 'exports', 'tenant']) {
        await page.goto(`/settings?tab=${tab}`);
        await check(`settings ${tab}`);
      }
      expect({ missing: [...missing], found }).toEqual({ missing: [], found: {} });
    }, 180_000);
  }
});

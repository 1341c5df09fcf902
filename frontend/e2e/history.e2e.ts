import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique } from './support/browser';

describe('the History tab reads as a timeline', () => {
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
    const res = await page.request.post('/api/v1/customers', {
      headers: { 'X-CSRF-Token': csrf },
      data: { first_name: 'Anna', last_name: unique('Wrona'), phone: '+48601200300' },
    });
    expect(res.status()).toBe(201);
    customerId = ((await res.json()) as { id: string }).id;
    const etag = (await page.request.get(`/api/v1/customers/${customerId}`)).headers().etag ?? '*';
    const upd = await page.request.patch(`/api/v1/customers/${customerId}`, {
      headers: { 'X-CSRF-Token': csrf, 'If-Match': etag },
      data: { phone: '+48601200399', consents: { email_marketing: { granted: true, source: 'desk' } } },
    });
    expect(upd.status(), await upd.text()).toBe(200);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('says what changed, from what to what, when and by whom, without field keys or JSON', async () => {
    await page.goto(`/customers/${customerId}`);
    await page.getByRole('tab', { name: 'History' }).click();
    const timeline = page.getByTestId('customer-history');
    await timeline.waitFor();
    const text = (await timeline.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Phone changed from “+48 601 200 300” to “+48 601 200 399”');
    expect(text).toContain('Consent to Email marketing granted');
    expect(text).toContain('First name set to “Anna”');
    expect(text).not.toContain('empty');
    expect(text).toMatch(/today \d{1,2}:\d{2}/);
    expect(text).toMatch(/by \S+/);
    expect(text).not.toMatch(/[{}]|\bphone\b|email_marketing/);
    await screenshot(page, 'customer-history');
  });
});

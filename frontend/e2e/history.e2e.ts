import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique } from './support/browser';

/** A mobile number unique to this run (no duplicate_contact from an earlier run). */
function mobile(): string {
  return `69${String(Date.now()).slice(-4)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
}
const first = mobile();
const firstNext = `${first.slice(0, 6)}${String((Number(first.slice(6)) + 1) % 1000).padStart(3, '0')}`;
const spaced = (d: string) => `+48 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;

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
      data: { first_name: 'Anna', last_name: unique('Wrona'), phone: `+48${first}` },
    });
    expect(res.status()).toBe(201);
    customerId = ((await res.json()) as { id: string }).id;
    const etag = (await page.request.get(`/api/v1/customers/${customerId}`)).headers().etag ?? '*';
    const upd = await page.request.patch(`/api/v1/customers/${customerId}`, {
      headers: { 'X-CSRF-Token': csrf, 'If-Match': etag },
      data: { phone: `+48${firstNext}`, consents: { email_marketing: { granted: true, source: 'desk' } } },
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
    expect(text).toContain(`Phone changed from “${spaced(first)}” to “${spaced(firstNext)}”`);
    expect(text).toContain('Consent to Email marketing granted');
    expect(text).toContain('First name set to “Anna”');
    expect(text).not.toContain('empty');
    expect(text).toMatch(/today \d{1,2}:\d{2}/);
    expect(text).toMatch(/by \S+/);
    expect(text).not.toMatch(/[{}]|\bphone\b|email_marketing/);
    await screenshot(page, 'customer-history');
  });
});

describe('an edit conflict keeps what the user typed', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    const context = await newContext(browser);
    page = await context.newPage();
    await login(page);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('after a change from another tab, "reload" keeps the typed city and shows the phone that changed', async () => {
    const csrf = (await page.context().cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    const res = await page.request.post('/api/v1/customers', {
      headers: { 'X-CSRF-Token': csrf },
      data: { first_name: 'Ewa', last_name: unique('Sikora'), phone: `+48${mobile()}` },
    });
    const id = ((await res.json()) as { id: string }).id;
    await page.goto(`/customers/${id}/edit`);
    await page.getByLabel('City').fill('Gdańsk');
    // The second tab: someone changes the phone meanwhile.
    const etag = (await page.request.get(`/api/v1/customers/${id}`)).headers().etag ?? '*';
    const next = mobile();
    const other = await page.request.patch(`/api/v1/customers/${id}`, {
      headers: { 'X-CSRF-Token': csrf, 'If-Match': etag },
      data: { phone: `+48${next}` },
    });
    expect(other.status()).toBe(200);
    await page.getByTestId('save-customer').click();
    await page.getByTestId('reload-conflict').click();
    const changes = page.getByTestId('server-changes');
    await changes.waitFor();
    expect((await changes.textContent())?.replace(/\D/g, '')).toContain(next);
    expect(await page.getByLabel('City').inputValue()).toBe('Gdańsk');
    expect((await page.getByTestId('phone-input').inputValue()).replace(/\D/g, '')).toBe(next);
    await page.getByTestId('save-customer').click();
    await page.waitForURL(new RegExp(`/customers/${id}$`));
    const saved = (await (await page.request.get(`/api/v1/customers/${id}`)).json()) as { city: string; phone: string };
    expect([saved.city, saved.phone]).toEqual(['Gdańsk', `+48${next}`]);
  });
});

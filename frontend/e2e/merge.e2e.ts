import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique } from './support/browser';

describe('customer 360: merge with a duplicate', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const last = unique('Dublowska');
  const ids: string[] = [];

  async function create(data: Record<string, unknown>): Promise<string> {
    const csrf = (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    const res = await page.request.post('/api/v1/customers', { headers: { 'X-CSRF-Token': csrf }, data });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    // The same person twice: once from the till (phone), once from the e-shop (email, tag).
    ids.push(await create({ first_name: 'Halina', last_name: last, phone: '600 700 800', city: 'Kraków' }));
    ids.push(
      await create({ first_name: 'Halina', last_name: last, email: `${last.toLowerCase()}@example.pl`, city: 'Krakow', tags: ['e-shop'] }),
    );
  });
  afterAll(async () => {
    await browser.close();
  });

  it('merges the other record into this one, with a chosen value and a preview', async () => {
    const [keptId, mergedId] = ids as [string, string];
    await page.goto(`/customers/${keptId}`);
    await page.getByTestId('customer-name').waitFor();
    await page.getByTestId('merge-customer').click();
    const modal = page.getByTestId('merge-modal');
    await modal.getByTestId('merge-pick').fill(`${last.toLowerCase()}@example`);
    await page.getByRole('option', { name: new RegExp(`${last.toLowerCase()}@example.pl`) }).click();

    // Both records have a city, spelt differently: keep the other record's spelling.
    const conflicts = modal.getByTestId('merge-conflicts');
    await conflicts.getByText('Krakow', { exact: true }).click();
    const preview = modal.getByTestId('merge-preview');
    await preview.getByText('Krakow', { exact: true }).waitFor();
    await preview.getByText(`${last.toLowerCase()}@example.pl`).waitFor();
    await preview.getByText('+48 600 700 800').waitFor();
    await screenshot(page, 'customer-merge');

    await modal.getByTestId('merge-confirm').click();
    await modal.waitFor({ state: 'detached' });
    await page.getByText('e-shop').first().waitFor();

    const kept = await page.request.get(`/api/v1/customers/${keptId}`);
    const body = (await kept.json()) as { email: string | null; phone: string | null; city: string | null; tags: string[] };
    expect(body).toMatchObject({ email: `${last.toLowerCase()}@example.pl`, phone: '+48600700800', city: 'Krakow' });
    expect(body.tags).toContain('e-shop');
    expect((await page.request.get(`/api/v1/customers/${mergedId}`)).status()).toBe(404);
  });
});

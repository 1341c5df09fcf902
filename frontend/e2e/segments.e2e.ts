import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfHeaders, launch, login, newContext, screenshot, settledTotal, unique } from './support/browser';

interface SegmentBody {
  id: string;
  name: string;
  description: string | null;
  filter: unknown;
  q: string | null;
}

/** The live count in the filter drawer once it has settled on a text matching `pattern`. */
async function liveCount(page: Page, pattern: RegExp): Promise<string> {
  const handle = await page.waitForFunction((source) => {
    const el = document.querySelector<HTMLElement>('[data-testid="filter-live-count"]');
    return el && !el.dataset.pending && new RegExp(source).test(el.textContent) ? el.textContent : null;
  }, pattern.source);
  return (await handle.jsonValue()) ?? '';
}

describe('segments: update, save as new, revert, rename and describe; live count; grouped fields', () => {
  let browser: Browser;
  let page: Page;
  const cityA = unique('Miastoa');
  const cityB = unique('Miastob');
  const name = unique('Segment ');
  let segment: SegmentBody;

  const getSegment = async (id: string) => (await (await page.request.get(`/api/v1/segments/${id}`)).json()) as SegmentBody;

  beforeAll(async () => {
    browser = await launch();
    const context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    const headers = await csrfHeaders(page);
    for (const [first, city] of [['Ala', cityA], ['Ola', cityA], ['Ela', cityB]] as const) {
      const last = unique('Seg');
      const res = await page.request.post('/api/v1/customers?allow_duplicate=true', {
        headers, data: { first_name: first, last_name: last, email: `${last.toLowerCase()}@example.pl`, city },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    const res = await page.request.post('/api/v1/segments', { headers, data: { name, filter: `city = '${cityA}'` } });
    expect(res.status(), await res.text()).toBe(201);
    segment = (await res.json()) as SegmentBody;
  });
  afterAll(async () => {
    await browser.close();
  });

  it('opens the segment from the side list with its bar', async () => {
    await page.goto('/customers');
    await page.getByTestId('segment-list').getByText(name).click();
    await page.getByTestId('segment-bar-name').filter({ hasText: name }).waitFor();
    expect(await settledTotal(page)).toMatch(/of 2$/);
    expect(await page.getByTestId('segment-changed').count()).toBe(0);
  });

  it('counts the matches live while the filter is built, with the fields grouped', async () => {
    await page.getByTestId('open-filter').click();
    const drawer = page.getByRole('dialog', { name: 'Filter customers' });
    await drawer.waitFor();
    expect(await liveCount(page, /^2 customers match$/)).toBe('2 customers match');
    const value = drawer.getByRole('textbox', { name: 'Value' });
    await value.fill(cityB);
    expect(await liveCount(page, /^1 customer matches$/)).toBe('1 customer matches');
    // The field picker: the most used first, then the groups.
    await drawer.getByTestId('filter-add-condition').first().click();
    await drawer.getByTestId('filter-field').last().click();
    const listbox = page.getByRole('listbox');
    await listbox.waitFor();
    const text = (await listbox.textContent()) ?? '';
    for (const group of ['Most used', 'Contact and profile', 'Purchases', 'Visits', 'Vouchers', 'Consents', 'RFM']) expect(text).toContain(group);
    expect(text.indexOf('Most used')).toBeLessThan(text.indexOf('Contact and profile'));
    await screenshot(page, 'filter-live-count');
    await page.keyboard.press('Escape');
    await drawer.getByRole('button', { name: 'Remove condition' }).last().click();
    await drawer.getByTestId('filter-apply').click();
    await page.getByTestId('segment-changed').waitFor();
    expect(await settledTotal(page)).toMatch(/of 1$/);
  });

  it('reverts to what the segment saved', async () => {
    await page.getByTestId('segment-revert').click();
    await page.getByTestId('segment-changed').waitFor({ state: 'detached' });
    expect(await settledTotal(page)).toMatch(/of 2$/);
  });

  it('saves a changed view into the segment', async () => {
    await page.getByTestId('open-filter').click();
    const drawer = page.getByRole('dialog', { name: 'Filter customers' });
    await drawer.getByRole('textbox', { name: 'Value' }).fill(cityB);
    await drawer.getByTestId('filter-apply').click();
    await page.getByTestId('segment-save-changes').click();
    await page.getByTestId('segment-changed').waitFor({ state: 'detached' });
    const saved = await getSegment(segment.id);
    expect(JSON.stringify(saved.filter)).toContain(cityB);
    expect(saved.name).toBe(name);
  });

  it('saves a changed view as a new segment and leaves the first one as it was', async () => {
    await page.getByTestId('quick-search').fill('Ela');
    await page.getByTestId('segment-changed').waitFor();
    await page.getByTestId('segment-save-as-new').click();
    const newName = unique('Copy ');
    await page.getByTestId('segment-name').fill(newName);
    await page.getByTestId('segment-description').fill('Ela only');
    await page.getByTestId('segment-save-confirm').click();
    await page.getByTestId('segment-bar-name').filter({ hasText: newName }).waitFor();
    const all = (await (await page.request.get('/api/v1/segments')).json()) as SegmentBody[];
    const copy = all.find((s) => s.name === newName);
    expect(copy?.q).toBe('Ela');
    expect(copy?.description).toBe('Ela only');
    expect((await getSegment(segment.id)).q).toBeNull();
  });

  it('renames and describes a segment; its view stays', async () => {
    await page.getByTestId('segment-list').getByText(name).click();
    await page.getByTestId('segment-bar-name').filter({ hasText: name }).waitFor();
    await page.getByTestId('segment-edit').click();
    const renamed = `${name} (renamed)`;
    await page.getByTestId('segment-name').fill(renamed);
    await page.getByTestId('segment-description').fill('Who gets the spring mailing');
    await page.getByTestId('segment-save-confirm').click();
    await page.getByTestId('segment-bar-name').filter({ hasText: renamed }).waitFor();
    await page.getByTestId('segment-bar-description').filter({ hasText: 'spring mailing' }).waitFor();
    const saved = await getSegment(segment.id);
    expect(saved.name).toBe(renamed);
    expect(saved.description).toBe('Who gets the spring mailing');
    expect(JSON.stringify(saved.filter)).toContain(cityB);
    await screenshot(page, 'segment-bar');
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfHeaders, launch, login, newContext, screenshot, unique } from './support/browser';

describe('the 360 page: notes and the activity timeline', () => {
  let browser: Browser;
  let page: Page;
  let customerId = '';
  const last = unique('Notatka');

  beforeAll(async () => {
    browser = await launch();
    const context = await newContext(browser);
    page = await context.newPage();
    await login(page);
    const headers = await csrfHeaders(page);
    const res = await page.request.post('/api/v1/customers?allow_duplicate=true', {
      headers,
      data: { first_name: 'Teresa', last_name: last, email: `${last.toLowerCase()}@example.pl`, consents: { sms_marketing: { granted: true, source: 'manual' } } },
    });
    expect(res.status(), await res.text()).toBe(201);
    customerId = ((await res.json()) as { id: string }).id;
    const tx = await page.request.post('/api/v1/transactions', { headers, data: { customer: { id: customerId }, amount: '245.50' } });
    expect(tx.status(), await tx.text()).toBeLessThan(300);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('adds a note that shows with its author, newest first', async () => {
    await page.goto(`/customers/${customerId}`);
    await page.getByTestId('tab-notes').click();
    await page.getByTestId('customer-notes').waitFor();
    await page.getByTestId('note-text').fill('Prefers mornings; allergic to latex.');
    await page.getByTestId('note-save').click();
    await page.getByTestId('note').filter({ hasText: 'allergic to latex' }).waitFor();
    await page.getByTestId('note-text').fill('Called about the spring offer.');
    await page.getByTestId('note-save').click();
    await page.getByTestId('note').filter({ hasText: 'spring offer' }).waitFor();
    const notes = await page.getByTestId('note').allTextContents();
    expect(notes[0]).toContain('spring offer');
    expect(notes[1]).toContain('allergic to latex');
    expect(notes[0]).toContain('owner@demo.kartoteka.dev');
    expect(await page.getByTestId('note-text').inputValue()).toBe('');
  });

  it('shows purchases, notes, consents and changes in one timeline a person reads', async () => {
    await page.getByTestId('tab-activity').click();
    await page.getByTestId('customer-timeline').waitFor();
    const kinds = await page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['purchase', 'note', 'consent_changed']));
    // Newest first: the last note written leads.
    expect(kinds[0]).toBe('note');
    const text = (await page.getByTestId('customer-timeline').textContent()) ?? '';
    expect(text).toMatch(/Purchase of .*245\.50/);
    expect(text).toContain('Called about the spring offer.');
    expect(text).toMatch(/Consent to SMS.* granted/i);
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    await screenshot(page, 'customer-activity');
  });
});

import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, unique, waitForSearchParam } from './support/browser';
import { encodeCp1250 } from './support/cp1250';

describe('import wizard', () => {
  let browser: Browser;
  let page: Page;
  const id = unique('zk');
  const family = `Żółkiewska-${id}`;
  const fileName = `klienci-${id}.csv`;
  const importTag = `Targi-${id}`;
  const phone = (n: number) => `+48 6${String(Date.now()).slice(-6)}${n}${n}`;
  // Saved by Excel in Poland: Windows-1250, `;`, CRLF; row 2 has a bad email, row 4 a bad phone.
  const csv = [
    'Imię;Nazwisko;E-mail;Telefon;Miasto',
    `Łucja;${family};lucja.${id}@example.pl;${phone(1)};Łódź`,
    `Ścibor;${family};scibor@@zly-adres;${phone(2)};Gdańsk`,
    `Żaneta;${family};zaneta.${id}@example.pl;${phone(3)};Kraków`,
    `Bożena;${family};bozena.${id}@example.pl;12;Poznań`,
    `Jędrzej;${family};jedrzej.${id}@example.pl;${phone(5)};Wrocław`,
  ].join('\r\n');

  beforeAll(async () => {
    browser = await launch();
    const context = await newContext(browser);
    page = await context.newPage();
    await login(page);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('uploads a Windows-1250 file and suggests the mapping', async () => {
    await page.goto('/imports');
    await page.getByTestId('import-dropzone').waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: fileName,
      mimeType: 'text/csv',
      buffer: encodeCp1250(csv),
    });
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('detected-encoding').inputValue()).toMatch(/1250/);
    expect(await page.getByTestId('detected-delimiter').inputValue()).toBe(';');
    // A wrong guess can be corrected: read with commas the file is one column, with
    // semicolons again it has its columns and suggestions back.
    await page.getByTestId('detected-delimiter').click();
    await page.getByRole('option', { name: ',', exact: true }).click();
    await page.getByTestId('target-Imię').waitFor({ state: 'detached' });
    await page.getByTestId('detected-delimiter').click();
    await page.getByRole('option', { name: ';', exact: true }).click();
    await page.getByTestId('target-Imię').waitFor();
    expect(await page.getByTestId('target-Imię').inputValue()).toBe('First name');
    expect(await page.getByTestId('target-Nazwisko').inputValue()).toBe('Last name');
    expect(await page.getByTestId('target-E-mail').inputValue()).toBe('Email');
    expect(await page.getByTestId('target-Telefon').inputValue()).toBe('Phone');
    await page.getByText('Łódź').first().waitFor();
    // Every customer from this file gets a tag saying where they came from.
    await page.getByTestId('import-add-tags').fill(importTag);
    await page.getByTestId('import-add-tags').press('Enter');
    await page.getByTestId('import-add-tags').press('Escape');
    await screenshot(page, 'import-mapping');
  });

  it('previews the rows with the bad email and the bad phone listed', async () => {
    await page.getByTestId('run-preview').click();
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('count-rows').textContent()).toContain('5');
    expect(await page.getByTestId('count-invalid').textContent()).toContain('2');
    const errors = page.getByTestId('import-error-row');
    await errors.first().waitFor();
    const text = (await page.getByTestId('import-errors').textContent()) ?? '';
    expect(text).toContain('scibor@@zly-adres');
    expect(text).toContain('E-mail');
    expect(text).toContain('Telefon');
    // The sample is headed by the field labels, not the API's keys.
    const headers = await page.getByTestId('import-sample').locator('thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['First name', 'Last name', 'Email']));
    expect(headers).not.toContain('first_name');
    // The problems grouped by kind and column with their counts; a group narrows the list.
    const groups = page.getByTestId('import-error-groups');
    await groups.waitFor();
    expect(await groups.getByTestId('error-group').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/Not an email address · E-mail\s*1/), expect.stringMatching(/Not a phone number · Telefon\s*1/)]),
    );
    await groups.getByText('Not a phone number · Telefon').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-error-row"]').length === 1);
    expect(await errors.first().textContent()).toContain('Telefon');
    await screenshot(page, 'import-preview');
    await groups.getByText('All problems').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-error-row"]').length === 2);
  });

  it('downloads the error file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-errors').click()]);
    const path = await download.path();
    const body = readFileSync(path, 'utf8');
    expect(body).toContain('scibor@@zly-adres');
    expect(body.split(/\r?\n/).filter(Boolean).length).toBeGreaterThanOrEqual(3);
  });

  it('commits and shows the new customers in the list', async () => {
    await page.getByTestId('commit-import').click();
    await page.getByTestId('import-done').waitFor({ timeout: 45_000 });
    expect(await page.getByTestId('count-created').textContent()).toContain('3');
    // The rejected rows are still there after the commit, grouped, and to download on the result and in the history.
    await page.getByTestId('import-done').getByTestId('import-error-groups').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-errors').click()]);
    expect(readFileSync(await download.path(), 'utf8')).toContain('scibor@@zly-adres');
    await page.getByTestId('import-history').waitFor();
    await page.getByTestId('import-history-row').filter({ hasText: fileName }).getByTestId('history-download-errors').waitFor();
    await page.getByTestId('imported-customers').click();
    await page.waitForURL(/\/customers/);
    await page.getByTestId('quick-search').fill(family);
    await waitForSearchParam(page, 'q', family);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-link"]').length === 3);
    expect(await page.getByText('Łucja').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('tag-chip').filter({ hasText: importTag }).count()).toBe(3);
  });

  it('reverts the import from the history: its customers are gone', async () => {
    await page.goto('/imports');
    const row = page.getByTestId('import-history-row').filter({ hasText: fileName });
    expect(await row.getByTestId('import-status').textContent()).toBe('Completed');
    await row.getByTestId('revert-import').click();
    // Nothing is undone before the user confirms, with how many customers it touches in view.
    expect(await page.getByRole('dialog').textContent()).toContain('3 customers created');
    await page.getByTestId('confirm-button').click();
    await page.waitForFunction(
      (name) =>
        [...document.querySelectorAll('[data-testid="import-history-row"]')]
          .find((r) => r.textContent.includes(name))
          ?.querySelector('[data-testid="import-status"]')
          ?.textContent === 'Reverted',
      fileName,
    );
    await screenshot(page, 'import-history');
    await page.goto(`/customers?q=${encodeURIComponent(family)}`);
    await page.getByTestId('empty-state').waitFor();
  });
});

import { inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launch, login, newContext, unique } from './support/browser';

describe('who sees what, and accessibility of drawers, modals and menus', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
    await login(page);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('names every ✕ and finds no serious violation in the filter drawer, a modal and the account menu', async () => {
    const found: Record<string, string[]> = {};
    await page.goto('/customers');
    await page.getByTestId('customer-link').first().waitFor();
    await page.getByTestId('open-filter').click();
    const drawer = page.getByRole('dialog', { name: 'Filter customers' });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: 'Close' }).waitFor();
    found.filterDrawer = await seriousViolations(page);
    await drawer.getByRole('button', { name: 'Close' }).click();
    await drawer.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: /^Actions for / }).first().click();
    await page.getByRole('menuitem', { name: 'Assign voucher' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByRole('button', { name: 'Close' }).waitFor();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    found.voucherModal = await seriousViolations(page);
    await modal.getByRole('button', { name: 'Close' }).click();

    const menu = page.getByTestId('user-menu');
    // The account menu's accessible name is its content: the email it shows, then what it is.
    expect(await menu.getAttribute('aria-label')).toBeNull();
    expect(await page.getByRole('button', { name: `${inject('email')} Account menu`, exact: true }).count()).toBe(1);
    await menu.click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    found.accountMenu = await seriousViolations(page);
    await page.keyboard.press('Escape');
    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
    // axe on three states of a page takes long on a busy machine.
  }, 150_000);

  it('starts each voucher empty: no expiry date carried over from the previous one', async () => {
    await page.goto('/customers');
    await page.getByTestId('customer-link').first().waitFor();
    const open = async () => {
      await page.getByRole('button', { name: /^Actions for / }).first().click();
      await page.getByRole('menuitem', { name: 'Assign voucher' }).click();
      await page.getByTestId('voucher-value').waitFor();
    };
    await open();
    const until = page.getByTestId('voucher-valid-until');
    await until.fill('12/31/2030');
    await page.getByLabel('Code').fill('CARRY-ME');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('voucher-value').waitFor({ state: 'detached' });
    await open();
    expect(await page.getByTestId('voucher-valid-until').inputValue()).toBe('');
    expect(await page.getByLabel('Code').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('hides export, bulk delete and admin settings from staff', async () => {
    const csrf = (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    const email = `${unique('desk')}@example.pl`;
    const password = 'desk-password-42';
    const res = await page.request.post('/api/v1/users', {
      headers: { 'X-CSRF-Token': csrf },
      data: { email, password, role: 'staff', full_name: 'Ewa Desk' },
    });
    expect(res.status()).toBe(201);

    const staffContext = await newContext(browser);
    const staff = await staffContext.newPage();
    await staff.goto('/login');
    await staff.getByLabel('Email').fill(email);
    await staff.getByLabel('Password', { exact: true }).fill(password);
    await staff.getByRole('button', { name: 'Sign in' }).click();
    await staff.waitForURL(/\/desk/);
    await staff.goto('/customers');
    await staff.getByTestId('customer-link').first().waitFor();
    expect(await staff.getByTestId('export-menu').count()).toBe(0);
    await staff.getByTestId('select-row').first().check();
    await staff.getByTestId('bulk-actions').click();
    await staff.getByRole('menuitem', { name: 'Add tags' }).waitFor();
    expect(await staff.getByTestId('bulk-delete').count()).toBe(0);
    await staff.keyboard.press('Escape');
    await staff.goto('/settings');
    await staff.getByRole('tab', { name: 'Tags' }).waitFor();
    expect(await staff.getByRole('tab', { name: 'API keys' }).count()).toBe(0);
    expect(await staff.getByRole('tab', { name: 'Export log' }).count()).toBe(0);
    await staffContext.close();

    // The owner still has both.
    await page.goto('/customers');
    await page.getByTestId('export-menu').waitFor();
  });
});

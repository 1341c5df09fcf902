import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot, settledTotal } from './support/browser';

describe('the app shell', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    context = await newContext(browser);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('sends an anonymous visitor to the login page', async () => {
    await page.goto('/customers');
    await page.waitForURL(/\/login\?redirect=/);
    // The login screen is its own chunk: wait for it to render rather than look at once.
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'login');
  });

  it('rejects a wrong password with a message', async () => {
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Wrong email or password');
  });

  it('logs in and shows the tenant and the customers list', async () => {
    await login(page);
    await page.getByTestId('tenant-name').waitFor();
    expect(await page.getByTestId('tenant-name').textContent()).toBeTruthy();
    await page.getByTestId('customer-link').first().waitFor();
    expect(await settledTotal(page)).toMatch(/of \d/);
    await screenshot(page, 'customers-list');
  });

  it('switches the language to Polish and Ukrainian', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('option', { name: 'Polski' }).click();
    await page.getByRole('heading', { name: 'Klienci' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('option', { name: 'Українська' }).click();
    await page.getByRole('heading', { name: 'Клієнти' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
  });

  it('logs out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto('/customers');
    await page.waitForURL(/\/login/);
  });
});

import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, login, newContext, screenshot } from './support/browser';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback, as a partner's endpoint would be (the development API allows it). */
function startReceiver(received: Received[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

function signedBy(secret: string, r: Received): boolean {
  const parts = String(r.headers['kartoteka-signature']).split(',').map((p) => p.split('=', 2));
  const t = parts.find(([k]) => k === 't')?.[1] ?? '';
  const expected = createHmac('sha256', secret).update(`${t}.${r.body}`).digest('hex');
  return parts.some(([k, v]) => k === 'v1' && v === expected);
}

async function until<T>(fn: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Settings → Webhooks', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let server: Server;
  const received: Received[] = [];
  let url = '';
  let secret = '';

  beforeAll(async () => {
    server = await startReceiver(received);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${Date.now()}`;
    browser = await launch();
    context = await newContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    await login(page);
  });
  afterAll(async () => {
    await browser.close();
    await new Promise((r) => server.close(r));
  });

  it('creates an endpoint for chosen events and shows its secret once, with a copy button', async () => {
    await page.goto('/settings?tab=webhooks');
    await page.getByTestId('add-webhook').click();
    await page.getByTestId('webhook-url').fill(url);
    await page.getByTestId('webhook-events').click();
    await page.getByRole('option', { name: 'customer.created' }).click();
    await page.getByRole('option', { name: 'consent.withdrawn' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('create-webhook').click();
    secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId('copy-webhook-secret').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByTestId('webhook-row').filter({ hasText: url });
    await expect.poll(() => row.getByText('consent.withdrawn').count()).toBe(1);
    // Never shown again: the page holds no secret once the dialog is closed.
    expect(await page.locator('body').innerText()).not.toContain(secret);
    await screenshot(page, 'settings-webhooks');
  });

  it('sends a signed test event, logs it as delivered and replays it with the same event id', async () => {
    const row = page.getByTestId('webhook-row').filter({ hasText: url });
    await row.getByTestId('webhook-ping').click();
    const ping = await until(() => received.find((r) => r.headers['kartoteka-event-type'] === 'webhook.ping'));
    expect(signedBy(secret, ping)).toBe(true);
    const delivered = row.locator('[data-testid="webhook-delivery"][data-status="delivered"]');
    await delivered.first().waitFor({ timeout: 30_000 });
    await expect.poll(() => delivered.first().innerText()).toContain('HTTP 200');
    await row.getByTestId('replay-delivery').first().click();
    const again = await until(() => (received.length >= 2 ? received[1] : undefined));
    expect(again.headers['kartoteka-event-id']).toBe(ping.headers['kartoteka-event-id']);
    await expect.poll(() => delivered.count(), { timeout: 30_000 }).toBe(2);
  });

  it('delivers a change it subscribed to', async () => {
    const csrf = (await context.cookies()).find((c) => c.name === 'kt_csrf')?.value ?? '';
    const res = await page.request.post('/api/v1/customers', {
      headers: { 'X-CSRF-Token': csrf },
      data: { first_name: 'Wiesława', email: `hook${Date.now()}@example.pl` },
    });
    expect(res.status()).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    const event = await until(() => received.find((r) => r.headers['kartoteka-event-type'] === 'customer.created'));
    expect((JSON.parse(event.body) as { data: { id: string } }).data.id).toBe(id);
    expect(signedBy(secret, event)).toBe(true);
  });

  it('rotates the secret (the new one shown once) and switches the endpoint off and on', async () => {
    const row = page.getByTestId('webhook-row').filter({ hasText: url });
    await row.getByTestId('webhook-rotate').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await row.getByText(/previous secret still signs/).waitFor();
    const toggle = row.getByTestId('webhook-active');
    expect(await toggle.isChecked()).toBe(true);
    // The switch by keyboard (its input sits under the drawn track).
    await toggle.focus();
    await page.keyboard.press('Space');
    await row.getByText('Off', { exact: true }).waitFor();
    const list = await page.request.get('/api/v1/webhooks');
    const mine = ((await list.json()) as { items: { url: string; active: boolean }[] }).items.find((w) => w.url === url);
    expect(mine?.active).toBe(false);
    await toggle.focus();
    await page.keyboard.press('Space');
    await row.getByText('Active', { exact: true }).waitFor();
    expect(await toggle.isChecked()).toBe(true);
  });
});

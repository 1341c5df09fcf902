import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { launch } from '../e2e/support/browser';
import { installSearchProbe, measureSearchLatency, pickSearchTerms, type SearchTerm } from './searchLatency';

/**
 * Quick-search latency against any running server:
 *   BASE_URL=http://127.0.0.1:8000 EMAIL=… PASSWORD=… [TENANT=slug] [TERMS=a,b,c] [COUNT=20] [OUT=file.json]
 *   npx vitest run -c bench/vitest.config.ts
 * Prints `SEARCH_LATENCY {"samples":[…],"p50":…,"p95":…}` and writes the same JSON to OUT when given.
 */
function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

it('times quick search from the keystroke to the rendered first page', async () => {
  const baseURL = env('KT_BENCH_BASE_URL').replace(/\/$/, '');
  const browser = await launch();
  try {
    const context = await browser.newContext({ baseURL, locale: 'en-GB', viewport: { width: 1366, height: 860 } });
    context.setDefaultTimeout(30_000);
    await context.addInitScript(() => localStorage.setItem('kt_lang', 'en'));
    await installSearchProbe(context);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(env('EMAIL'));
    await page.getByLabel('Password', { exact: true }).fill(env('PASSWORD'));
    if (process.env.TENANT) await page.getByLabel('Business (optional)').fill(process.env.TENANT);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signed in, the app opens its start page (the front desk); the list is a click away.
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/customers');
    await page.getByTestId('customer-link').first().waitFor();

    const given = process.env.TERMS?.split(',').map((t) => t.trim()).filter(Boolean);
    const terms: SearchTerm[] = given?.length
      ? given.map((term) => ({ term, kind: /^[\d\s+]+$/.test(term) ? 'phone' : term.includes('@') ? 'email' : 'name' }))
      : await pickSearchTerms(page, Number(process.env.COUNT ?? 20));
    expect(terms.length).toBeGreaterThan(0);
    const report = { base_url: baseURL, measured_at: new Date().toISOString(), ...(await measureSearchLatency(page, terms)) };
    const json = JSON.stringify(report);
    if (process.env.OUT) writeFileSync(process.env.OUT, `${json}\n`);
    console.log(`SEARCH_LATENCY ${json}`);
    expect(report.samples).toHaveLength(terms.length);
  } finally {
    await browser.close();
  }
});

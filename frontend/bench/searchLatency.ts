import type { BrowserContext, Page } from 'playwright-core';

/**
 * Quick-search latency as a person at the desk feels it: from the last keystroke in the search
 * box to the first page of *the new* results in the table (the debounce included). Shared by the
 * e2e run (small database) and `make bench` (the seeded million, via bench/spa_search.py).
 */

export interface SearchTerm {
  term: string;
  kind: 'name' | 'full name' | 'email' | 'phone';
}

export interface SearchSample extends SearchTerm {
  /** Last keystroke → the table shows the rows of the response for this term. */
  ms: number;
  /** Last keystroke → the list request starts (the debounce and the URL update). */
  wait_ms: number;
  /** The list request alone: fetch start → response headers (the API and the network). */
  fetch_ms: number;
  rows: number;
}

interface Probe {
  lastKey: number;
  responses: Record<string, { start: number; end: number; ids: string[] } | undefined>;
}

declare global {
  interface Window {
    __ktProbe?: Probe;
  }
}

/**
 * Before the SPA loads: note each keystroke in the quick search, and each customers list
 * response with its ids, so "rendered" can mean "these rows", never the previous page's.
 */
export async function installSearchProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const probe: Probe = { lastKey: 0, responses: {} };
    window.__ktProbe = probe;
    // `input`, not `keydown`: a letter off the US layout (ą, ń, Cyrillic) is typed as inserted
    // text with no key event, which would date the last keystroke too early.
    document.addEventListener(
      'input',
      (e) => {
        if (e.target instanceof HTMLElement && e.target.dataset.testid === 'quick-search') probe.lastKey = e.timeStamp;
      },
      true,
    );
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      const q = url.pathname.endsWith('/api/v1/customers') ? url.searchParams.get('q') : null;
      const start = performance.now();
      const response = await original(input, init);
      if (q !== null && response.ok) {
        const end = performance.now();
        void response
          .clone()
          .json()
          .then((body: { items?: { id: string }[] }) => {
            probe.responses[q] = { start, end, ids: (body.items ?? []).map((c) => c.id) };
          });
      }
      return response;
    };
  });
}

function localDigits(phone: string): string {
  return phone.replace(/\D/g, '').slice(-9);
}

/** About `count` varied terms taken from the tenant's own customers: name fragments, email prefixes, phone fragments. */
export async function pickSearchTerms(page: Page, count = 20): Promise<SearchTerm[]> {
  const customers = await page.evaluate(async () => {
    const pages = await Promise.all(
      ['-created_at', 'last_name', '-total_spent'].map(async (sort) => {
        const res = await fetch(`/api/v1/customers?page_size=200&sort=${sort}`, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`GET /customers: ${res.status}`);
        const body = (await res.json()) as { items: { first_name: string | null; last_name: string | null; email: string | null; phone: string | null }[] };
        return body.items;
      }),
    );
    return pages.flat();
  });
  const seen = new Set<string>();
  const byKind: Record<SearchTerm['kind'], SearchTerm[]> = { name: [], 'full name': [], email: [], phone: [] };
  const add = (kind: SearchTerm['kind'], term: string | undefined) => {
    const cleaned = term?.trim();
    if (!cleaned || cleaned.length < 3 || seen.has(cleaned.toLowerCase())) return;
    seen.add(cleaned.toLowerCase());
    byKind[kind].push({ term: cleaned, kind });
  };
  for (const c of customers) {
    if (c.last_name) add('name', c.last_name.slice(0, Math.min(6, Math.max(4, c.last_name.length - 2))));
    if (c.first_name && c.last_name) add('full name', `${c.first_name.slice(0, 3)} ${c.last_name.slice(0, 4)}`);
    if (c.email) add('email', c.email.split('@')[0]?.slice(0, 6));
    if (c.phone && localDigits(c.phone).length === 9) {
      const d = localDigits(c.phone);
      add('phone', `${d.slice(3, 6)} ${d.slice(6, 9)}`);
    }
  }
  // Round-robin over the kinds, so each is sampled about equally.
  const quotas: [SearchTerm['kind'], number][] = [['name', 6], ['full name', 4], ['email', 5], ['phone', 5]];
  const out: SearchTerm[] = [];
  for (let i = 0; out.length < count && i < 200; i++) {
    for (const [kind, quota] of quotas) {
      const next = byKind[kind][i];
      if (next && i < Math.ceil((quota * count) / 20) && out.length < count) out.push(next);
    }
  }
  return out;
}

/** Types `term` over whatever the search box holds and times it until the table shows its rows. */
export async function timeSearch(page: Page, { term, kind }: SearchTerm, timeoutMs = 15_000): Promise<SearchSample> {
  const box = page.getByTestId('quick-search');
  await box.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((q) => {
    if (window.__ktProbe) window.__ktProbe.responses[q] = undefined;
  }, term);
  // A person's typing speed: every keystroke lands well inside the debounce.
  await page.keyboard.type(term, { delay: 25 });
  const result = await page.evaluate(
    async ([q, limit]) => {
      const probe = window.__ktProbe;
      if (!probe) throw new Error('the search probe is not installed');
      const shownIds = () =>
        Array.from(document.querySelectorAll<HTMLAnchorElement>('table tbody [data-testid="customer-link"]'), (a) =>
          a.pathname.split('/').pop(),
        );
      return new Promise<{ ms: number; wait_ms: number; fetch_ms: number; rows: number }>((done, fail) => {
        const check = () => {
          const response = probe.responses[q];
          if (!response) return false;
          const shown = shownIds();
          const empty = response.ids.length === 0 && document.querySelector('[data-testid="empty-state"]') !== null;
          if (!empty && (shown.length !== response.ids.length || shown.some((id, i) => id !== response.ids[i]))) return false;
          observer.disconnect();
          const ms = performance.now() - probe.lastKey;
          done({ ms, wait_ms: response.start - probe.lastKey, fetch_ms: response.end - response.start, rows: response.ids.length });
          return true;
        };
        const observer = new MutationObserver(() => void check());
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const started = performance.now();
        const tick = () => {
          if (check()) return;
          if (performance.now() - started > limit) {
            observer.disconnect();
            fail(new Error(`search for "${q}" did not render within ${limit} ms`));
          } else requestAnimationFrame(tick);
        };
        tick();
      });
    },
    [term, timeoutMs] as const,
  );
  return {
    term,
    kind,
    ms: Math.round(result.ms),
    wait_ms: Math.round(result.wait_ms),
    fetch_ms: Math.round(result.fetch_ms),
    rows: result.rows,
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.round((p / 100) * (sorted.length - 1)))] ?? 0;
}

export interface SearchLatencyReport {
  samples: SearchSample[];
  p50: number;
  p95: number;
  fetch_p50: number;
  fetch_p95: number;
}

/** Runs every term once after `warmup` untimed searches; the page must show the customers list. */
export async function measureSearchLatency(page: Page, terms: SearchTerm[], warmup = 2): Promise<SearchLatencyReport> {
  // Untimed: the first searches also pay for connections and cold caches.
  const taken = new Set(terms.map((t) => t.term.toLowerCase()));
  for (const t of terms.slice(0, warmup)) {
    const term = t.term.slice(0, -1).trim();
    if (term.length >= 3 && !taken.has(term.toLowerCase())) await timeSearch(page, { ...t, term });
  }
  const samples: SearchSample[] = [];
  for (const t of terms) samples.push(await timeSearch(page, t));
  const ms = samples.map((s) => s.ms);
  const fetchMs = samples.map((s) => s.fetch_ms);
  return { samples, p50: percentile(ms, 50), p95: percentile(ms, 95), fetch_p50: percentile(fetchMs, 50), fetch_p95: percentile(fetchMs, 95) };
}

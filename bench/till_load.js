// The till's load for k6 at a fixed arrival rate (run by bench/till_load.py, not by hand).
//
// `constant-arrival-rate` starts RATE iterations a second whatever the answers take (an open
// model: a slow server does not lower the offered load, so there is no coordinated omission);
// iterations k6 could not start for want of a free VU are counted in `dropped_iterations`.
// MIX=till: 70 % lookup by phone or card, 20 % POST /transactions, 10 % voucher redeem.
// MIX=lookup: lookups only (the neighbour a noisy tenant must not spoil).
// MIX=sale: POST /transactions only (the loyalty suite's tills at a steady pace).
// VUS: at most this many concurrent requests (connections), when given.
import http from 'k6/http';

const data = JSON.parse(open(__ENV.DATA_FILE));
const RATE = parseInt(__ENV.RATE, 10);
const VUS = parseInt(__ENV.VUS || '0', 10);
const headers = { Authorization: `Bearer ${data.api_key}`, 'Content-Type': 'application/json' };
const names = ['lookup', 'transaction', 'redeem'];

export const options = {
  discardResponseBodies: true,
  summaryTrendStats: ['p(50)', 'p(95)', 'p(99)', 'max', 'count'],
  scenarios: {
    till: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: `${__ENV.SECONDS}s`,
      preAllocatedVUs: VUS || Math.max(20, RATE),
      maxVUs: VUS || Math.max(50, RATE * 3),
    },
  },
  // Thresholds that always hold, so that the summary lists each request kind on its own.
  thresholds: Object.fromEntries(
    names.flatMap((n) => [
      [`http_req_duration{name:${n}}`, ['max>=0']],
      [`http_req_failed{name:${n}}`, ['rate>=0']],
    ]),
  ),
};

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const uuid = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

function lookup(base) {
  if (data.cards.length && Math.random() < 0.3) {
    return http.get(`${base}/customers/lookup?card=${encodeURIComponent(pick(data.cards))}`, {
      headers, tags: { name: 'lookup' },
    });
  }
  const p = pick(data.phones); // "+48600123456" asked for as a local spelling, "600 123 456"
  const local = `${p.slice(3, 6)} ${p.slice(6, 9)} ${p.slice(9)}`;
  return http.get(`${base}/customers/lookup?phone=${encodeURIComponent(local)}`, {
    headers, tags: { name: 'lookup' },
  });
}

export default function () {
  const base = `${__ENV.BASE_URL}/api/v1`;
  const roll = { lookup: 0, sale: 0.8 }[__ENV.MIX] ?? Math.random();
  if (roll < 0.7) {
    lookup(base);
  } else if (roll < 0.9) {
    const body = {
      customer: { id: pick(data.customers) }, amount: '12.34', location: 'SHOP-1',
      external_ref: `load-${uuid()}`, items_count: 2,
    };
    http.post(`${base}/transactions`, JSON.stringify(body), { headers, tags: { name: 'transaction' } });
  } else {
    const body = { amount: '0.01', location: 'SHOP-2', transaction_ref: uuid() };
    http.post(`${base}/vouchers/${pick(data.codes)}/redeem`, JSON.stringify(body), {
      headers, tags: { name: 'redeem' },
    });
  }
}

export function handleSummary(summary) {
  return { [__ENV.SUMMARY_FILE]: JSON.stringify(summary) };
}

// Fails when the JavaScript index.html loads before the first screen — its entry script and the
// chunks it preloads — is over the gzip budget (issue #17: 250 KB). Lazy route chunks do not count.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.SIZE_BUDGET_KB ?? 250);
const dist = resolve(import.meta.dirname, '..', 'dist');
const html = readFileSync(resolve(dist, 'index.html'), 'utf8');

const srcs = new Set();
for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) srcs.add(m[1]);
for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g)) srcs.add(m[1]);
if (srcs.size === 0) throw new Error('dist/index.html loads no script: build first');

let total = 0;
for (const src of srcs) {
  const bytes = gzipSync(readFileSync(resolve(dist, src.replace(/^\//, '')))).length;
  total += bytes;
  console.log(`${(bytes / 1024).toFixed(1).padStart(8)} KB gzip  ${src}`);
}
const kb = total / 1024;
console.log(`${kb.toFixed(1).padStart(8)} KB gzip  initial JavaScript (budget ${BUDGET_KB} KB)`);
if (kb > BUDGET_KB) {
  console.error(`size:check: initial JavaScript is ${kb.toFixed(1)} KB gzip, over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const FRONTEND = resolve(import.meta.dirname, '..');
const REPO = resolve(FRONTEND, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    email: string;
    password: string;
    tenant: string;
  }
}

/** Browsers cannot be downloaded here: use Debian's package, installing it when we may. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  console.log('[e2e] installing chromium from Debian…');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error(`the API exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(3000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API at ${url} did not become healthy in ${timeoutMs / 1000}s`);
}

/**
 * Use the API at E2E_BASE_URL when given (it must serve the built SPA at `/`); otherwise start
 * `kartoteka run` on a free port with its own throwaway embedded PostgreSQL and Redis.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureChromium();
  let server: ChildProcess | null = null;
  let dataDir: string | null = null;
  let baseUrl = process.env.E2E_BASE_URL?.replace(/\/$/, '');

  if (!baseUrl) {
    if (!existsSync(join(FRONTEND, 'dist', 'index.html'))) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: FRONTEND, stdio: 'inherit' });
      if (build.status !== 0) throw new Error('npm run build failed');
    }
    const port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'kartoteka-e2e-'));
    baseUrl = `http://127.0.0.1:${port}`;
    const cli = join(REPO, '.venv', 'bin', 'kartoteka');
    const args = [
      'run', '--port', String(port), '--data-dir', dataDir, '--demo-customers', '120',
      '--db-profile', 'throwaway',
    ];
    console.log(`[e2e] starting ${cli} ${args.join(' ')}`);
    // Our own database: never the developer's DATABASE_URL/REDIS_URL.
    const env = { ...process.env, DATABASE_URL: '', REDIS_URL: '' };
    server = spawn(cli, args, { cwd: REPO, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    // Its own process group (detached) so teardown can stop it with its API, worker and databases.
    server.unref();
  }

  await waitForHealth(baseUrl, server, 180_000);
  project.provide('baseUrl', baseUrl);
  project.provide('email', process.env.E2E_EMAIL ?? 'owner@demo.kartoteka.dev');
  project.provide('password', process.env.E2E_PASSWORD ?? 'kartoteka-demo');
  project.provide('tenant', process.env.E2E_TENANT ?? 'demo');

  return async () => {
    if (server?.pid) {
      // SIGINT lets `kartoteka run` stop its API, worker and embedded servers.
      process.kill(-server.pid, 'SIGINT');
      const running = server;
      const done = new Promise((r) => running.once('exit', r));
      await Promise.race([done, new Promise((r) => setTimeout(r, 15_000))]);
      if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

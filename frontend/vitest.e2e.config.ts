import { defineConfig } from 'vitest/config';

/** End-to-end tests: Playwright (playwright-core) driving Debian's Chromium against the real API. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['./e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // One browser, one server: specs run one after another, in file order.
    fileParallelism: false,
    sequence: { concurrent: false },
    reporters: ['default'],
  },
});

import { defineConfig } from 'vitest/config';

/** `npx vitest run -c bench/vitest.config.ts`: browser measurements against a running server (see bench/README.md). */
export default defineConfig({
  test: {
    include: ['bench/**/*.run.ts'],
    environment: 'node',
    testTimeout: 600_000,
    fileParallelism: false,
    reporters: ['default'],
    // Vitest sets BASE_URL to Vite's "/" inside tests: hand the caller's value over under another name.
    env: { KT_BENCH_BASE_URL: process.env.BASE_URL ?? '' },
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The partner scenario talks to a real server (tests/partners starts one).
    testTimeout: 30_000,
  },
});

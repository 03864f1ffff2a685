// Vitest configuration: tests live in test/, run in parallel worker threads.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "threads",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

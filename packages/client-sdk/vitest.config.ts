import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    // The source-client tests run real HTTP servers and real backoff waits.
    testTimeout: 20_000,
  },
});

import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// End-to-end suites: ONE real local stack (wrangler dev, free ports, temp persistence) started by the
// global setup for every file; tests reach it only through HTTP, WebSocket and SSE.
export default defineConfig({
  // The workspace's packages are read from their sources (the "@buzz/source" export condition), not from a build.
  resolve: { conditions: ["@buzz/source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["@buzz/source", ...defaultServerConditions] } },
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: ["./src/stack.ts"],
    environment: "node",
    // One file at a time: each suite loads the same stack (and Chromium) hard, and on 2 cores parallel files only
    // trade speed for timeouts.
    fileParallelism: false,
    // A cold wrangler start bundles both Workers; ingest at volume on 2 cores is not instant either.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});

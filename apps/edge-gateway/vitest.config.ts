import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export const TEST_SOURCE_KEYS = [
  { id: "dev-source", secret: "dev-source-secret", systems: ["*"], matches: ["*"] },
  { id: "hawkeye-only", secret: "hawkeye-secret", systems: ["HAWKEYE"], matches: ["*"] },
  { id: "wc-only", secret: "wc-secret", systems: ["*"], matches: ["wc2018-*"] },
];

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.jsonc" },
            miniflare: {
              bindings: { ADMIN_TOKEN: "dev-admin-token", SOURCE_KEYS: JSON.stringify(TEST_SOURCE_KEYS), FUSION_WINDOW_MS: "15000" },
              assets: { directory: "./test-assets" },
            },
          }),
        ],
        test: { name: "workers", include: ["src/**/*.test.ts"], exclude: ["src/**/*.db.test.ts"] },
      },
      {
        // A feature's own SQL runs in Node against PostgreSQL and PGlite, through the Neon driver as the Worker
        // does (the backends of @buzz/worker-pipeline's db tests), in its `*.db.test.ts` beside it.
        test: { name: "db", include: ["src/**/*.db.test.ts"], environment: "node", testTimeout: 60_000, hookTimeout: 120_000 },
      },
    ],
  },
});

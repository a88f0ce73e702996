import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { TEST_LIMITS } from "./src/testing/limits.js";

export const TEST_SOURCE_KEYS = [
  { id: "dev-source", secret: "dev-source-secret", systems: ["*"], matches: ["*"] },
  { id: "hawkeye-only", secret: "hawkeye-secret", systems: ["HAWKEYE"], matches: ["*"] },
  { id: "wc-only", secret: "wc-secret", systems: ["*"], matches: ["wc2018-*"] },
];

/** The gateway in workerd; `vars` are added to the test bindings (a var's default lives in wrangler.jsonc). */
function workers(
  name: string,
  files: { include: string[]; exclude: string[] },
  vars: Record<string, string> = {},
) {
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: {
          bindings: {
            ADMIN_TOKEN: "dev-admin-token",
            SOURCE_KEYS: JSON.stringify(TEST_SOURCE_KEYS),
            FUSION_WINDOW_MS: "15000",
            SOURCE_SIGNATURES: "v1,v2",
            ...vars,
          },
          assets: { directory: "./test-assets" },
          ratelimits: {
            DEVICE_REGISTRATIONS: { simple: { limit: TEST_LIMITS.DEVICE_REGISTRATIONS, period: 60 } },
            INGEST_BY_KEY: { simple: { limit: TEST_LIMITS.INGEST_BY_KEY, period: 10 } },
          },
        },
      }),
    ],
    test: {
      name,
      ...files,
      // A file's first request waits for workerd to load the Worker, seconds on 2 busy cores: not a result.
      testTimeout: 30_000,
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      workers("workers", {
        include: ["src/**/*.test.ts"],
        exclude: ["src/**/*.db.test.ts", "src/**/*.sharded.test.ts"],
      }),
      // Sharded fan-out (src/live-shard): two sockets per object, so a handful of clients spread over shards.
      workers("sharded", { include: ["src/**/*.sharded.test.ts"], exclude: [] }, { LIVE_SHARD_SOCKETS: "2" }),
      {
        // A feature's own SQL runs in Node against PostgreSQL and PGlite, through the Neon driver as the Worker
        // does (@buzz/db/testing), in its `*.db.test.ts` beside it.
        test: {
          name: "db",
          include: ["src/**/*.db.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

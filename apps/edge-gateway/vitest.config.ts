import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export const TEST_SOURCE_KEYS = [
  { id: "dev-source", secret: "dev-source-secret", systems: ["*"], matches: ["*"] },
  { id: "hawkeye-only", secret: "hawkeye-secret", systems: ["HAWKEYE"], matches: ["*"] },
  { id: "wc-only", secret: "wc-secret", systems: ["*"], matches: ["wc2018-*"] },
];

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: { ADMIN_TOKEN: "dev-admin-token", SOURCE_KEYS: JSON.stringify(TEST_SOURCE_KEYS), FUSION_WINDOW_MS: "15000" },
        assets: { directory: "./test-assets" },
      },
    }),
  ],
  test: { include: ["src/**/*.test.ts"] },
});

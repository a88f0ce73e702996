import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" } })],
        test: { name: "workers", include: ["src/**/*.test.ts"], exclude: ["src/db/**", "src/**/*.db.test.ts"] },
      },
      {
        // The Postgres layer runs in Node: it starts PostgreSQL databases, PGlite and the dev proxy, then goes
        // through them with the Neon driver exactly as a Worker does. A feature's own SQL is tested the same way,
        // in its `*.db.test.ts` beside it.
        test: { name: "db", include: ["src/db/**/*.test.ts", "src/**/*.db.test.ts"], environment: "node", testTimeout: 60_000, hookTimeout: 120_000 },
      },
    ],
  },
});

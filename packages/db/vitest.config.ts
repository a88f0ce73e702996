import { defineConfig } from "vitest/config";

// The Postgres layer runs in Node: it starts PostgreSQL databases, PGlite and the dev proxy, then goes through
// them with the Neon driver exactly as a Worker does.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node", testTimeout: 60_000, hookTimeout: 120_000 },
});

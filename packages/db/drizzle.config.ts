import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` (in this folder) writes a migration for a schema change into ./drizzle; they are
// applied by src/local/migrate.mjs (drizzle-orm's migrator over `pg`) on every local start and test run,
// and against Neon with `DATABASE_URL=<neon url> npx buzz-migrate`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
  strict: true,
});

#!/usr/bin/env node
// Applies the drizzle-kit migrations of packages/db/drizzle with drizzle-orm's migrator over `pg` (plain TCP,
// which PGlite through pglite-socket, a local PostgreSQL and Neon all accept). Already-applied migrations are
// skipped, so this runs on every start. As a command, for Neon:
//   DATABASE_URL='postgres://…neon.tech/…?sslmode=require' npx buzz-migrate
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "drizzle");

/** Brings the database at `url` up to the latest migration. */
export async function migrateDatabase(url) {
  // One connection: PGlite serves one session at a time, and the migrator runs in one transaction anyway.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS });
  } finally {
    await client.end();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("migrate: set DATABASE_URL");
    process.exit(2);
  }
  try {
    await migrateDatabase(url);
    console.log(`migrate: ${new URL(url).host}${new URL(url).pathname} is up to date (${MIGRATIONS})`);
  } catch (err) {
    console.error(`migrate: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}

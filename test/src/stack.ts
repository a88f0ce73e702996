import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { DEV_PUSH_ENDPOINT_ALLOWLIST, vapidVars } from "../../scripts/lib/dev-vars.mjs";
import { startStack } from "../../scripts/lib/stack.mjs";
import { ADMIN_TOKEN, DEV_KEY, RESTRICTED_KEY } from "./keys.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the stack the global setup started, e.g. http://127.0.0.1:41234. */
    baseUrl: string;
    /** The stack's own database (a fresh one on DATABASE_URL's server, else a temp PGlite), migrated. */
    databaseUrl: string;
    /** The VAPID public key the stack was started with (base64url 65-byte point). */
    vapidPublicKey: string;
  }
}

const LOG_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "test-results", "wrangler.log");

/** Vitest global setup: one stack for every e2e file, stopped when the run ends. */
export default async function setup(project: TestProject) {
  // The keys are passed as --var, so a developer's own .dev.vars never changes what the tests see. Postgres:
  // with DATABASE_URL (CI), a database of the run's own on that server, dropped at the end; else PGlite.
  const vapid = await vapidVars();
  const stack = await startStack({
    vars: { ADMIN_TOKEN, SOURCE_KEYS: JSON.stringify([DEV_KEY, RESTRICTED_KEY]), ...vapid, PUSH_ENDPOINT_ALLOWLIST: DEV_PUSH_ENDPOINT_ALLOWLIST },
    database: { isolate: true },
    logFile: LOG_FILE,
    quiet: true,
  });
  project.provide("baseUrl", stack.baseUrl);
  project.provide("databaseUrl", stack.database.url);
  project.provide("vapidPublicKey", vapid.VAPID_PUBLIC_KEY);
  console.log(`e2e stack at ${stack.baseUrl} with ${stack.database.kind} (wrangler log: ${LOG_FILE})`);
  return () => stack.stop();
}

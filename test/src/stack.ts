import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LOCAL_ONLY_VARS, startStack, vapidVars } from "@buzz/dev-stack";
import type { TestProject } from "vitest/node";
import { ADMIN_TOKEN, ALERT_WINDOW_MS, ARCHIVE_DEADLINE_MS, DEV_KEY, RESTRICTED_KEY } from "./keys.js";
import { startNativePush } from "./mock-native/stack.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the stack the global setup started, e.g. http://127.0.0.1:41234. */
    baseUrl: string;
    /** The stack's own database (a fresh one on DATABASE_URL's server, else a temp PGlite), migrated. */
    databaseUrl: string;
    /** Which server databaseUrl is: PostgreSQL's sessions run at once, PGlite's one after the other. */
    databaseKind: "postgres" | "pglite";
    /** The VAPID public key the stack was started with (base64url 65-byte point). */
    vapidPublicKey: string;
    /** Loopback URL of the stack's control endpoints (startControl below), for what tests cannot do over the API. */
    controlUrl: string;
  }
}

const LOG_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "test-results", "wrangler.log");

/** Vitest global setup: one stack for every e2e file, stopped when the run ends. */
export default async function setup(project: TestProject) {
  // The keys are passed as --var, so a developer's own .dev.vars never changes what the tests see. Postgres:
  // with DATABASE_URL (CI), a database of the run's own on that server, dropped at the end; else PGlite.
  const vapid = await vapidVars();
  // FCM, APNs and Expo through relays that each suite points at its own strict mocks (mock-native/stack.ts).
  const native = await startNativePush();
  const stack = await startStack({
    vars: {
      ADMIN_TOKEN,
      SOURCE_KEYS: JSON.stringify([DEV_KEY, RESTRICTED_KEY]),
      ...vapid,
      ...native.vars,
      ...LOCAL_ONLY_VARS,
      // The sweeper looks for unarchived events this soon, so its suite does not wait the production 30 s.
      ARCHIVE_DEADLINE_MS: String(ARCHIVE_DEADLINE_MS),
      ALERT_WINDOW_MS: String(ALERT_WINDOW_MS),
    },
    database: { isolate: true },
    // Two notification lanes (local dev binds one): every suite's pushes go over two real queues, as deployed.
    pipelineLanes: 2,
    logFile: LOG_FILE,
    quiet: true,
  });
  project.provide("baseUrl", stack.baseUrl);
  project.provide("databaseUrl", stack.database.url);
  project.provide("databaseKind", stack.database.kind);
  project.provide("vapidPublicKey", vapid.VAPID_PUBLIC_KEY);
  project.provide("nativePush", native.setup);
  const control = await startControl(stack);
  project.provide("controlUrl", control.url);
  console.log(`e2e stack at ${stack.baseUrl} with ${stack.database.kind} (wrangler log: ${LOG_FILE})`);
  return async () => {
    await control.close();
    await stack.stop();
    await native.close();
  };
}

/**
 * The stack lives in this process, the suites in workers: a test that must act on the stack itself (cut
 * Postgres off mid-match) asks here. POST /database/cut and POST /database/restore answer 204.
 */
async function startControl(stack: Awaited<ReturnType<typeof startStack>>) {
  const actions: Record<string, () => void> = {
    "/database/cut": stack.cutDatabase,
    "/database/restore": stack.restoreDatabase,
  };
  const server = createServer((req, res) => {
    const action = req.method === "POST" ? actions[req.url ?? ""] : undefined;
    if (action) action();
    res.writeHead(action ? 204 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

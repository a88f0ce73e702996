import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { startStack } from "../../scripts/lib/stack.mjs";
import { ADMIN_TOKEN, DEV_KEY, RESTRICTED_KEY } from "./keys.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the stack the global setup started, e.g. http://127.0.0.1:41234. */
    baseUrl: string;
  }
}

const LOG_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "test-results", "wrangler.log");

/** Vitest global setup: one stack for every e2e file, stopped when the run ends. */
export default async function setup(project: TestProject) {
  // The keys are passed as --var, so a developer's own .dev.vars never changes what the tests see.
  const stack = await startStack({
    vars: { ADMIN_TOKEN, SOURCE_KEYS: JSON.stringify([DEV_KEY, RESTRICTED_KEY]) },
    logFile: LOG_FILE,
    quiet: true,
  });
  project.provide("baseUrl", stack.baseUrl);
  console.log(`e2e stack at ${stack.baseUrl} (wrangler log: ${LOG_FILE})`);
  return () => stack.stop();
}

import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The local keys of the contract (DESIGN.md, "Local configuration"). */
export const DEV_ADMIN_TOKEN = "dev-admin-token";
export const DEV_SOURCE_KEY = { id: "dev-source", secret: "dev-source-secret", systems: ["*"], matches: ["*"] };
export const DEV_VARS = { ADMIN_TOKEN: DEV_ADMIN_TOKEN, SOURCE_KEYS: JSON.stringify([DEV_SOURCE_KEY]) };

/**
 * Writes apps/edge-gateway/.dev.vars with the dev defaults on first run. An existing file is the
 * developer's own and is left alone. Returns whether it was written.
 */
export function ensureDevVars(root) {
  const file = join(root, "apps", "edge-gateway", ".dev.vars");
  if (existsSync(file)) return false;
  const lines = Object.entries(DEV_VARS).map(([k, v]) => `${k}=${quoteDotenv(v)}`);
  writeFileSync(file, `# Local secrets for wrangler dev, written by scripts/start.mjs. Not committed.\n${lines.join("\n")}\n`);
  return true;
}

/** Single quotes keep the JSON's double quotes literal in dotenv syntax. */
function quoteDotenv(value) {
  return value.includes("'") ? JSON.stringify(value) : `'${value}'`;
}

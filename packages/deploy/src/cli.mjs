#!/usr/bin/env node
// npm run deploy [-- --env staging|production] [-- --dry-run]: see "Deploy to Cloudflare" in the README.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { deploy } from "./steps.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const USAGE = `usage: npm run deploy -- [--env production|staging] [--dry-run]
  --env      the environment of both wrangler.jsonc to deploy (default: production)
  --dry-run  run what needs no Cloudflare account (build, bundles, config and migration checks), print the rest`;

let args;
try {
  args = parseArgs({
    options: {
      env: { type: "string", default: "production" },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }).values;
} catch (err) {
  console.error(`deploy: ${err.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const dryRun = args["dry-run"];
try {
  await deploy({ root: ROOT, env: args.env, dryRun });
  console.log(dryRun ? `dry run of "${args.env}" succeeded` : `deployed "${args.env}"`);
} catch (err) {
  console.error(`deploy: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

// Wrangler's CLI, run from an app's folder with the same Node as this script (no npx lookup, no global install).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";

const WRANGLER = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");

/**
 * Runs `wrangler <args>` in `root/dir`. capture: stdout and stderr returned (else shown as they come).
 * Returns { ok, status, output (stdout then stderr), stdout }.
 */
export function wrangler(root, dir, args, { capture = false } = {}) {
  const run = spawnSync(process.execPath, [WRANGLER, ...args], {
    cwd: join(root, dir),
    stdio: capture ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
    encoding: "utf8",
    env: { ...process.env, WRANGLER_HIDE_BANNER: "true" },
  });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  return { ok: run.status === 0, status: run.status ?? run.signal, output, stdout: run.stdout ?? "" };
}

/** Throws with wrangler's own output when the command failed. */
export function wranglerOrThrow(root, dir, args, options) {
  const run = wrangler(root, dir, args, options);
  if (!run.ok) {
    const detail = options?.capture ? `\n${run.output.trim()}` : "";
    throw new Error(`wrangler ${args.join(" ")} failed (exit ${run.status})${detail}`);
  }
  return run.output;
}

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The gateway serves apps/web/dist as its static assets, and wrangler refuses to start when that
 * directory is missing, so build the dashboard once if it has never been built.
 */
export function ensureWebDist(root, { quiet = false } = {}) {
  const dist = join(root, "apps", "web", "dist");
  if (existsSync(join(dist, "index.html"))) return false;
  if (!quiet) console.log("buzz: building the dashboard (apps/web/dist is missing)…");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const run = spawnSync(npm, ["run", "build", "-w", "@buzz/web"], {
    cwd: root,
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
  });
  if (run.status !== 0 || !existsSync(dist)) {
    const detail = quiet ? `\n${run.stdout ?? ""}${run.stderr ?? ""}`.trimEnd() : "";
    throw new Error(`npm run build -w @buzz/web failed (exit ${run.status ?? run.signal})${detail}`);
  }
  return true;
}

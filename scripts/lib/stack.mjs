import { spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { waitForHealth } from "./health.mjs";
import { assertPortFree, freePort } from "./ports.mjs";
import { ensureWebDist } from "./web-dist.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CONFIGS = ["apps/edge-gateway/wrangler.jsonc", "apps/worker-pipeline/wrangler.jsonc"];

/** Wrangler without the telemetry, banner and network look-ups a local run never needs. */
export const WRANGLER_ENV = { WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

/**
 * Starts both Workers in ONE `wrangler dev` (the gateway is primary and serves HTTP; one process so the
 * queue connects) and resolves once GET /v1/health answers 200.
 *
 * Options: port (absent or 0 → a free one), persistTo (absent → a temp dir removed on stop), vars
 * (passed as --var, they override .dev.vars), logLevel, logFile (truncated; absent → inherit stdio), quiet,
 * readyTimeoutMs.
 */
export async function startStack(options = {}) {
  const port = options.port || (await freePort());
  if (options.port) await assertPortFree(port, "set BUZZ_PORT to use another port");
  const inspectorPort = await freePort();
  ensureWebDist(ROOT, { quiet: options.quiet });

  const ownsPersist = !options.persistTo;
  const persistTo = options.persistTo ? resolve(options.persistTo) : mkdtempSync(join(tmpdir(), "buzz-stack-"));
  mkdirSync(persistTo, { recursive: true });

  const args = [wranglerBin(), "dev", ...CONFIGS.flatMap((c) => ["-c", c])];
  args.push("--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort));
  args.push("--persist-to", persistTo, "--log-level", options.logLevel ?? "info", "--show-interactive-dev-session=false");
  for (const [key, value] of Object.entries(options.vars ?? {})) args.push("--var", `${key}:${value}`);

  let logFd;
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    logFd = openSync(options.logFile, "w");
  }
  // Own process group: wrangler starts workerd, and stop() must take both down, whatever the terminal does.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, ...WRANGLER_ENV },
    stdio: ["ignore", logFd ?? "inherit", logFd ?? "inherit"],
  });
  if (logFd !== undefined) closeSync(logFd);

  const exited = new Promise((res) => {
    child.once("exit", (code, signal) => res(signal ? `signal ${signal}` : `exit code ${code}`));
    child.once("error", (err) => res(`spawn failed: ${err.message}`));
  });
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // A parent that exits without calling stop() must not leave workerd running.
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      process.off("exit", onExit);
      killGroup("SIGTERM");
      const forced = setTimeout(() => killGroup("SIGKILL"), 5_000);
      await exited;
      clearTimeout(forced);
      killGroup("SIGKILL"); // workerd children that outlived wrangler
      if (ownsPersist) rmSync(persistTo, { recursive: true, force: true });
    })());

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, { exited, timeoutMs: options.readyTimeoutMs ?? 120_000 });
  } catch (err) {
    await stop();
    const tail = options.logFile ? `\n--- last lines of ${options.logFile} ---\n${logTail(options.logFile)}` : "";
    throw new Error(`${err instanceof Error ? err.message : err}${tail}`);
  }
  return { baseUrl, port, inspectorPort, persistTo, pid: child.pid, exited, stop };
}

function wranglerBin() {
  const require = createRequire(join(ROOT, "apps", "edge-gateway", "package.json"));
  return join(dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
}

function logTail(file, lines = 40) {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

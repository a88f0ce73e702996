import { spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase, startDatabase, startNeonProxyFor } from "@buzz/db/local";
import { waitForHealth, watchHealth } from "./health.mjs";
import { assertPortFree, freePort } from "./ports.mjs";
import { configWithVars } from "./secondary-config.mjs";
import { ensureWebDist } from "./web-dist.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const CONFIGS = ["apps/edge-gateway/wrangler.jsonc", "apps/worker-pipeline/wrangler.jsonc"];

/** Wrangler without the telemetry, banner and network look-ups a local run never needs. */
export const WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

/**
 * Starts Postgres (DATABASE_URL's server, else an embedded PGlite), applies the migrations, starts the Neon dev
 * proxy, then both Workers in ONE `wrangler dev` (the gateway is primary and serves HTTP; one process so the
 * queue connects) with DATABASE_URL and NEON_WS_PROXY among their vars, and resolves once GET /v1/health
 * answers 200.
 *
 * Options: port (absent or 0 → a free one; taken → fails after portWaitMs, default 0), persistTo (absent → a temp dir removed on stop), vars
 * (given to both Workers, over their .dev.vars), logLevel, logFile (truncated; absent → inherit stdio), quiet,
 * readyTimeoutMs, database ({url: default process.env.DATABASE_URL; isolate: a fresh database on that server,
 * dropped on stop; dataDir: PGlite's directory, absent → a temp dir removed on stop}), pipelineConsumers
 * ({queue: consumer settings} over the pipeline's wrangler.jsonc, for benchmarks), pipelineLanes (the pipeline
 * binds and consumes that many notification lanes; absent: as its wrangler.jsonc has them).
 */
export async function startStack(options = {}) {
  const port = options.port || (await freePort());
  if (options.port) await assertPortFree(port, "set BUZZ_PORT to use another port", options.portWaitMs ?? 0);
  const inspectorPort = await freePort();
  ensureWebDist(ROOT, { quiet: options.quiet });

  const { database, neonProxy } = await startPostgres(options.database ?? {});

  const ownsPersist = !options.persistTo;
  const persistTo = options.persistTo
    ? resolve(options.persistTo)
    : mkdtempSync(join(tmpdir(), "buzz-stack-"));
  mkdirSync(persistTo, { recursive: true });

  // --var reaches the first Worker only; the second gets the same vars through a generated copy of its config.
  const vars = { ...options.vars, DATABASE_URL: database.url, NEON_WS_PROXY: neonProxy.address };
  const generated = mkdtempSync(join(tmpdir(), "buzz-config-"));
  const configs = [
    CONFIGS[0],
    configWithVars(join(ROOT, CONFIGS[1]), vars, generated, options.pipelineConsumers, options.pipelineLanes),
  ];

  const args = [wranglerBin(), "dev", ...configs.flatMap((c) => ["-c", c])];
  args.push("--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort));
  args.push(
    "--persist-to",
    persistTo,
    "--log-level",
    options.logLevel ?? "info",
    "--show-interactive-dev-session=false",
  );
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);

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
      await groupGone(child.pid, 5_000);
      await neonProxy.stop();
      await database.stop();
      rmSync(generated, { recursive: true, force: true });
      if (ownsPersist) rmSync(persistTo, { recursive: true, force: true });
    })());

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, { exited, timeoutMs: options.readyTimeoutMs ?? 120_000 });
  } catch (err) {
    await stop();
    const tail = options.logFile
      ? `\n--- last lines of ${options.logFile} ---\n${logTail(options.logFile)}`
      : "";
    throw new Error(`${err instanceof Error ? err.message : err}${tail}`);
  }
  // Opt-in (npm run dev): a stack whose runtime died behind a live wrangler is noticed, not left serving nothing.
  const watch = options.watch ? watchHealth(baseUrl) : null;
  const stopWatching = stop;
  return {
    baseUrl,
    port,
    unhealthy: watch ? watch.unhealthy : new Promise(() => {}),
    inspectorPort,
    persistTo,
    pid: child.pid,
    exited,
    stop: () => {
      watch?.stop();
      return stopWatching();
    },
    database: { url: database.url, kind: database.kind },
    neonProxy: neonProxy.address,
    cutDatabase: () => neonProxy.pause(),
    restoreDatabase: () => neonProxy.resume(),
  };
}

/** The database, migrated, and the proxy the Workers reach it through; both torn down if either fails. */
async function startPostgres({ url = process.env.DATABASE_URL, isolate = false, dataDir }) {
  const database = await startDatabase({ url, isolate, dataDir });
  try {
    await migrateDatabase(database.url);
    return { database, neonProxy: await startNeonProxyFor(database) };
  } catch (err) {
    await database.stop();
    throw new Error(`Postgres (${database.kind}) is not usable: ${err instanceof Error ? err.message : err}`);
  }
}

/** Resolves once no process of the group is left (or after `timeoutMs`), so its ports are free to bind again. */
async function groupGone(pgid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function wranglerBin() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
}

function logTail(file, lines = 40) {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

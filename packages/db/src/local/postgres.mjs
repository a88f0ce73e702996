// Where the local stack's Postgres comes from. DATABASE_URL set → that server (optionally a fresh database on
// it, dropped at stop, so test runs never see each other). Unset → an embedded PGlite served over the wire
// protocol by pglite-socket, in a child process so its single-threaded WASM engine never competes with the
// caller's event loop. Either way the caller gets a plain postgres:// URL and the same code path follows.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { startNeonProxy } from "./neon-proxy.mjs";

// pglite-socket multiplexes sessions onto PGlite's one; each Worker invocation opens its own, and Pools keep
// a few idle ones, so the default of 1 would refuse most of them.
const PGLITE_MAX_CONNECTIONS = 256;
const READY_TIMEOUT_MS = 60_000;

/**
 * Options: url (a server, usually process.env.DATABASE_URL; absent → PGlite), isolate (with a url: create `buzz_e2e_<random>` and drop it
 * at stop), dataDir (PGlite's directory; absent → a temp dir removed at stop), port (PGlite's; 0 = free),
 * log (a function for PGlite's output lines; default: dropped).
 * Resolves to {url, kind: "postgres" | "pglite", port, stop()}.
 */
export async function startDatabase(options = {}) {
  const { url } = options;
  if (url)
    return options.isolate
      ? freshDatabase(url)
      : { url, kind: "postgres", port: Number(new URL(url).port || 5432), stop: async () => {} };
  return startPglite(options);
}

async function freshDatabase(serverUrl) {
  const name = `buzz_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let stopping;
  const stop = () => (stopping ??= adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  return { url: url.toString(), kind: "postgres", port: Number(url.port || 5432), database: name, stop };
}

async function adminQuery(serverUrl, sql) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** True when the server at `url` is PGlite (behind pglite-socket), whoever started it. */
export async function servesPglite(url) {
  const { rows } = await adminQuery(url, "select version() as version");
  return /\bPGlite\b/.test(rows[0].version);
}

/**
 * The dev proxy for `database` ({url, kind?}, as startDatabase gives it): sessions take turns in front of a PGlite
 * — the one startDatabase started, or one a url points at (the crash suite's outlives its stacks) — and server
 * connections are pooled in front of a real server.
 */
export async function startNeonProxyFor(database) {
  const pglite = database.kind === "pglite" || (await servesPglite(database.url));
  return startNeonProxy({ exclusive: pglite, pool: !pglite });
}

async function startPglite({ dataDir, port = 0, log = () => {} }) {
  const ownsDir = !dataDir;
  const dir = dataDir ? resolve(dataDir) : mkdtempSync(join(tmpdir(), "buzz-pglite-"));
  mkdirSync(dir, { recursive: true });
  const args = [
    pgliteServerBin(),
    `--db=${dir}`,
    "--host=127.0.0.1",
    `--port=${port}`,
    `--max-connections=${PGLITE_MAX_CONNECTIONS}`,
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });

  const tail = [];
  const exited = new Promise((res) =>
    child.once("exit", (code, signal) => res(signal ? `signal ${signal}` : `exit code ${code}`)),
  );
  const bound = await new Promise((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error(`PGlite did not start within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    const onLine = (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      log(line);
      const m = /PGLiteSocketServer listening on (\{.*\})/.exec(line);
      if (m) {
        clearTimeout(timer);
        res(JSON.parse(m[1]).port);
      }
    };
    lines(child.stdout, onLine);
    lines(child.stderr, onLine);
    exited.then((why) => {
      clearTimeout(timer);
      rej(new Error(`PGlite exited before it was ready (${why}):\n${tail.join("\n")}`));
    });
  });

  // A parent that exits without calling stop() must not leave PGlite running; SIGTERM lets it close its files.
  const onExit = () => child.kill("SIGTERM");
  process.once("exit", onExit);
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      process.off("exit", onExit);
      child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(forced);
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    })());
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${bound}/postgres`,
    kind: "pglite",
    port: bound,
    pid: child.pid,
    dataDir: dir,
    exited,
    stop,
  };
}

function lines(stream, onLine) {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    buffered += chunk;
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const line of parts) onLine(line);
  });
}

function pgliteServerBin() {
  const require = createRequire(import.meta.url);
  // The package exports no package.json; its main entry sits in dist/, next to the CLI's scripts/.
  return join(dirname(require.resolve("@electric-sql/pglite-socket")), "scripts", "server.js");
}

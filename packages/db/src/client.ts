// Postgres from a Worker: @neondatabase/serverless speaks the wire protocol over a WebSocket, and drizzle
// sits on top. Workers cannot keep a connection across requests, so each invocation opens its own Pool and
// ends it after the response (ctx.waitUntil), as Neon's Workers guide prescribes.
import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle, type NeonDatabase } from "drizzle-orm/neon-serverless";
import { errorText } from "./errors.js";
import * as schema from "./schema/index.js";

export interface DbEnv {
  /**
   * postgres:// URL: Neon's in production (a secret), the local server's or PGlite's in development. Optional in
   * the type, as `wrangler types` has it (only the deployed environments declare the secret); openDb refuses to
   * run without it.
   */
  DATABASE_URL?: string;
  /** Development only: "127.0.0.1:PORT" of the Neon dev proxy (@buzz/db/local). Unset in production. */
  NEON_WS_PROXY?: string;
}

/** `$client`: the invocation's Pool, for what drizzle does not do (runInOneTrip). */
export type Db = NeonDatabase<typeof schema> & { $client: Pool };

interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

export interface DbOptions {
  /**
   * Connections this invocation may open. A Worker has 6 simultaneous outgoing connections in all (push
   * requests count too), and PGlite runs one session at a time anyway. Default 3.
   */
  maxConnections?: number;
}

/**
 * Points the driver at the local proxy. Production (Neon) keeps the driver's defaults: wss, TLS and pipelined
 * connect. Locally all three must be off — the proxy is plain ws, the servers behind it plain TCP, and the
 * pipelined startup breaks SCRAM and hangs pglite-socket.
 */
function configureDriver(env: DbEnv): void {
  const proxy = env.NEON_WS_PROXY;
  if (!proxy) return;
  neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

/** A Pool and its drizzle handle. `close()` ends the pool; call it once the work is done. */
export function openDb(env: DbEnv, options: DbOptions = {}): { db: Db; close: () => Promise<void> } {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  configureDriver(env);
  const pool = new Pool({
    connectionString: env.DATABASE_URL,
    max: options.maxConnections ?? 3,
    connectionTimeoutMillis: 10_000,
  });
  let closing: Promise<void> | undefined;
  // An idle connection dropped by the server would otherwise be an unhandled 'error' event. Once close() was
  // called the work is done, and the connections it is ending drop as the invocation ends ("Network connection
  // lost." under wrangler dev): only a drop before close() is worth a warning.
  pool.on("error", (err: unknown) => {
    if (!closing)
      console.warn(JSON.stringify({ level: "warn", msg: "db_pool_error", error: errorText(err) }));
  });
  return { db: drizzle({ client: pool, schema }), close: () => (closing ??= pool.end()) };
}

/**
 * Runs `fn` with a database for this invocation and ends the pool after it, without making the caller wait.
 * Transactions: inside `db.transaction(async (tx) => …)` use only `tx` — a query on `db` there waits for a
 * second connection, and on PGlite (one session at a time) for the transaction itself: a deadlock.
 */
export async function withDb<T>(
  env: DbEnv,
  ctx: WaitUntil,
  fn: (db: Db) => Promise<T>,
  options?: DbOptions,
): Promise<T> {
  const { db, close } = openDb(env, options);
  try {
    return await fn(db);
  } finally {
    ctx.waitUntil(close().catch(() => {}));
  }
}

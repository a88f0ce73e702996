// Node-side test helper: a migrated database of either kind, reached the way a Worker reaches it — the Neon
// driver over a WebSocket through the dev proxy — so the db tests exercise the production code path.
import { neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll } from "vitest";
import WebSocket from "ws";
import { type Db, type DbEnv, withDb } from "../client.js";
import {
  type Database,
  migrateDatabase,
  type NeonProxy,
  startDatabase,
  startNeonProxyFor,
} from "../local/index.mjs";

export type BackendKind = "postgres" | "pglite";
export const BACKENDS: BackendKind[] = ["postgres", "pglite"];

/** The real server the "postgres" backend creates its throwaway database on (CI and this machine run one). */
export const POSTGRES_SERVER = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

// Node 20 has no global WebSocket (Workers do).
neonConfig.webSocketConstructor = WebSocket;

export interface Backend {
  kind: BackendKind;
  database: Database;
  proxy: NeonProxy;
  env: DbEnv;
  stop(): Promise<void>;
}

export async function startBackend(kind: BackendKind): Promise<Backend> {
  const database = await startDatabase(kind === "postgres" ? { url: POSTGRES_SERVER, isolate: true } : {});
  try {
    await migrateDatabase(database.url);
    const proxy = await startNeonProxyFor(database);
    const env = { DATABASE_URL: database.url, NEON_WS_PROXY: proxy.address };
    return { kind, database, proxy, env, stop: async () => void (await proxy.stop(), await database.stop()) };
  } catch (err) {
    await database.stop();
    throw err;
  }
}

/** A stand-in for ExecutionContext that lets a test wait for what was handed to waitUntil. */
export function testContext() {
  const pending: Promise<unknown>[] = [];
  return { waitUntil: (p: Promise<unknown>) => void pending.push(p), settle: () => Promise.all(pending) };
}

/**
 * The database of a `describe` block: started before its tests, stopped after them. `run(fn)` gives `fn` a
 * database the way a Worker invocation gets one (withDb), and waits for what it left to waitUntil.
 */
export function useBackend(kind: BackendKind) {
  let current: Backend | undefined;
  beforeAll(async () => {
    current = await startBackend(kind);
  }, 90_000);
  afterAll(() => current?.stop());
  const started = () => {
    if (!current) throw new Error(`the ${kind} backend is not started (use it inside a test or hook)`);
    return current;
  };
  return {
    get env(): DbEnv {
      return started().env;
    },
    get database(): Database {
      return started().database;
    },
    /** The dev proxy in front of it: pause() makes Postgres unreachable, as an outage does; resume() ends it. */
    get proxy(): NeonProxy {
      return started().proxy;
    },
    async run<T>(fn: (db: Db) => Promise<T>): Promise<T> {
      const ctx = testContext();
      const result = await withDb(started().env, ctx, fn);
      await ctx.settle();
      return result;
    },
  };
}

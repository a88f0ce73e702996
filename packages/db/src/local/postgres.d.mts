import type { NeonProxy } from "./neon-proxy.mjs";

export interface StartDatabaseOptions {
  /** A PostgreSQL server (usually process.env.DATABASE_URL). Absent or empty → embedded PGlite. */
  url?: string;
  /** With a url: create a fresh `buzz_e2e_<random>` database on that server and drop it at stop(). */
  isolate?: boolean;
  /** PGlite's data directory; absent → a temp dir removed at stop(). */
  dataDir?: string;
  /** PGlite's port; 0 or absent → a free one. */
  port?: number;
  /** Receives PGlite's output lines (dropped by default). */
  log?: (line: string) => void;
}

export interface Database {
  /** postgres:// URL to hand to `pg`, or to the Neon driver through the dev proxy. */
  url: string;
  kind: "postgres" | "pglite";
  port: number;
  /** The isolated database's name (isolate: true only). */
  database?: string;
  /** PGlite's process (PGlite only). */
  pid?: number;
  /** PGlite's data directory (PGlite only). */
  dataDir?: string;
  /** Settles once PGlite's process has exited (PGlite only). */
  exited?: Promise<string>;
  /** Stops PGlite, or drops the isolated database; nothing for a plain DATABASE_URL. Idempotent. */
  stop(): Promise<void>;
}

export declare function startDatabase(options?: StartDatabaseOptions): Promise<Database>;
/** True when the server at `url` is PGlite (behind pglite-socket), whoever started it. */
export declare function servesPglite(url: string): Promise<boolean>;
/**
 * The dev proxy for `database`: sessions take turns in front of a PGlite (startDatabase's, or one a url points
 * at), server connections are pooled in front of a real server.
 */
export declare function startNeonProxyFor(database: {
  url: string;
  kind?: Database["kind"];
}): Promise<NeonProxy>;

export declare const ROOT: string;
export declare const WRANGLER_ENV: Readonly<Record<string, string>>;

export interface StartStackOptions {
  /** HTTP port; absent or 0 picks a free one. A given port that is taken fails after `portWaitMs`. */
  port?: number;
  /**
   * How long a given `port` may stay taken before start fails (default 0: at once). A restart on the port of a
   * stack just stopped or killed passes a few seconds: the kernel releases a killed process's sockets a moment
   * after the kill.
   */
  portWaitMs?: number;
  /** Local persistence directory; absent → a temp dir removed by stop(). */
  persistTo?: string;
  /** Extra or overriding vars of both Workers (over their .dev.vars), e.g. ADMIN_TOKEN, SOURCE_KEYS, VAPID_*. */
  vars?: Record<string, string>;
  logLevel?: "debug" | "info" | "log" | "warn" | "error" | "none";
  /** Write wrangler's output here (truncated first) instead of inheriting stdio. */
  logFile?: string;
  /** Build the dashboard without echoing its output. */
  quiet?: boolean;
  readyTimeoutMs?: number;
  /** Poll /v1/health after start and settle `unhealthy` when it stops answering (the runtime died). */
  watch?: boolean;
  /**
   * Settings over the pipeline Worker's queue consumers (wrangler.jsonc), per queue, e.g. a benchmark's
   * {"notifications": {"max_batch_timeout": 0}}. Absent: the config as it is.
   */
  pipelineConsumers?: Record<
    string,
    { max_batch_size?: number; max_batch_timeout?: number; max_retries?: number }
  >;
  /** The notification lanes the pipeline binds and consumes (packages/queue lanes.ts). Absent: its wrangler.jsonc's. */
  pipelineLanes?: number;
  /** Where Postgres comes from; see @buzz/db/local (startDatabase). */
  database?: {
    /** A PostgreSQL server; default process.env.DATABASE_URL. Absent → embedded PGlite. */
    url?: string;
    /** With a url: a fresh `buzz_e2e_<random>` database, dropped by stop(). */
    isolate?: boolean;
    /** PGlite's data directory; absent → a temp dir removed by stop(). */
    dataDir?: string;
  };
}

export interface Stack {
  baseUrl: string;
  port: number;
  inspectorPort: number;
  persistTo: string;
  pid: number;
  /** Settles with a description once wrangler has exited. */
  exited: Promise<string>;
  /** With `watch`: settles once /v1/health has stopped answering (never settles otherwise). */
  unhealthy: Promise<string>;
  /** The database the Workers were given (DATABASE_URL), already migrated. */
  database: { url: string; kind: "postgres" | "pglite" };
  /** "127.0.0.1:PORT" of the Neon dev proxy (NEON_WS_PROXY). */
  neonProxy: string;
  /**
   * Postgres becomes unreachable to both Workers, as in an outage: the Neon dev proxy (their only road to it)
   * cuts every open connection and refuses new ones until restoreDatabase(). The database itself keeps running.
   */
  cutDatabase(): void;
  restoreDatabase(): void;
  /** Kills the wrangler process group, then stops the proxy and the database (idempotent); removes temp dirs. */
  stop(): Promise<void>;
}

export declare function startStack(options?: StartStackOptions): Promise<Stack>;

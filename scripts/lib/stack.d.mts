export declare const ROOT: string;
export declare const WRANGLER_ENV: Readonly<Record<string, string>>;

export interface StartStackOptions {
  /** HTTP port; absent or 0 picks a free one. A given port that is taken fails fast. */
  port?: number;
  /** Local persistence directory; absent → a temp dir removed by stop(). */
  persistTo?: string;
  /** Extra or overriding Worker vars (wrangler `--var`), e.g. ADMIN_TOKEN, SOURCE_KEYS. */
  vars?: Record<string, string>;
  logLevel?: "debug" | "info" | "log" | "warn" | "error" | "none";
  /** Write wrangler's output here (truncated first) instead of inheriting stdio. */
  logFile?: string;
  /** Build the dashboard without echoing its output. */
  quiet?: boolean;
  readyTimeoutMs?: number;
}

export interface Stack {
  baseUrl: string;
  port: number;
  inspectorPort: number;
  persistTo: string;
  pid: number;
  /** Settles with a description once wrangler has exited. */
  exited: Promise<string>;
  /** Kills the wrangler process group (idempotent) and removes a temp persistence dir. */
  stop(): Promise<void>;
}

export declare function startStack(options?: StartStackOptions): Promise<Stack>;

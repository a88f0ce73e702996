export interface NeonProxy {
  port: number;
  /** "127.0.0.1:PORT", the value of NEON_WS_PROXY. */
  address: string;
  /** Makes the database unreachable through the proxy: cuts every open tunnel and refuses new ones until resume(). */
  pause(): void;
  /** Accepts tunnels again after pause(). */
  resume(): void;
  /** Closes every tunnel and the listener. Idempotent. */
  stop(): Promise<void>;
}

export declare function startNeonProxy(options?: {
  port?: number;
  /** One session talks to the database at a time (PGlite). */
  exclusive?: boolean;
  /** Keep server connections between sessions, as Neon's pooled endpoint does (a real server; not with exclusive). */
  pool?: boolean;
}): Promise<NeonProxy>;
/** "HOST:PORT" → {host, port} when HOST is a loopback address, else null. */
export declare function loopbackTarget(
  address: string | null | undefined,
): { host: string; port: number } | null;

// Server connections kept between the dev proxy's sessions, as Neon's pooled endpoint (PgBouncer) keeps them in
// production. A Worker opens a connection per invocation; without this each one forked a Postgres backend whose
// caches started cold, which production's pooler does not pay (bench:drain: connect + BEGIN 26-123 ms and a first
// statement 20-40 ms slower than the next, per queue batch). A connection is kept only when the server let its
// session in without a password (AuthenticationOk straight after the StartupMessage: trust, as in CI)
// — a pooled one skips authentication, so a password-protected one is never handed to another session — and only
// after a clean Terminate outside a transaction, once DISCARD ALL has reset everything the session set (settings,
// prepared statements, temporary tables, session advisory locks, LISTEN).
import { TerminateWatcher } from "./pg-frontend.mjs";

const PROTOCOL_3 = 196608;
// The simple Query message "DISCARD ALL".
const DISCARD_ALL = (() => {
  const text = Buffer.from("DISCARD ALL\0", "latin1");
  const header = Buffer.from([0x51, 0, 0, 0, 0]);
  header.writeInt32BE(text.length + 4, 1);
  return Buffer.concat([header, text]);
})();
/** The client's Terminate message. */
const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);
/** Idle server connections kept per startup (user, database, options) and how long one may stay idle. */
const MAX_IDLE = 16;
const IDLE_MS = 30_000;

/**
 * The StartupMessage at the start of `bytes` (the client's first bytes), or null while it is incomplete. `poolable`:
 * a protocol 3 startup (an SSLRequest, GSSENCRequest or CancelRequest is piped as it is).
 */
export function startupOf(bytes) {
  if (bytes.length < 8) return null;
  const length = bytes.readInt32BE(0);
  if (bytes.length < length) return null;
  return { message: bytes.subarray(0, length), poolable: bytes.readInt32BE(4) === PROTOCOL_3 };
}

/** `chunk` without the whole Terminate message it ends with, or null when it does not end with one. */
export function beforeTerminate(chunk) {
  const at = chunk.length - TERMINATE.length;
  return at >= 0 && chunk.subarray(at).equals(TERMINATE) ? chunk.subarray(0, at) : null;
}

/** True when the server's first message of the session is AuthenticationOk: it asked for no password. */
export function admittedWithoutPassword(greeting) {
  return greeting.length >= 9 && greeting[0] === 0x52 && greeting.readInt32BE(5) === 0;
}

/**
 * A watcher for a server connection whose startup went through already: `greeting` is what the server answered
 * it, up to its first ReadyForQuery.
 */
export function watcherAfter(startup, greeting) {
  const watcher = new TerminateWatcher();
  watcher.push(startup);
  watcher.serverBytes(greeting);
  return watcher;
}

export class SessionPool {
  /** key → [{tcp, greeting, timer}] */
  #idle = new Map();

  /** An idle connection opened with this exact StartupMessage to this target, or null. */
  take(key) {
    const list = this.#idle.get(key);
    const conn = list?.pop();
    if (!conn) return null;
    clearTimeout(conn.timer);
    conn.tcp.off("close", conn.onClose);
    return conn;
  }

  /**
   * Resets `tcp` with DISCARD ALL and keeps it for `key`, or ends it when the pool is full or the reset fails.
   * `startup` and `greeting` as for watcherAfter.
   */
  release(key, tcp, startup, greeting) {
    const watcher = watcherAfter(startup, greeting);
    watcher.push(DISCARD_ALL);
    const onData = (chunk) => {
      watcher.serverBytes(chunk);
      if (watcher.pendingReady > 0) return;
      tcp.off("data", onData);
      const list = this.#idle.get(key) ?? [];
      if (watcher.status !== "I" || list.length >= MAX_IDLE) return void tcp.end(TERMINATE);
      const conn = {
        tcp,
        greeting,
        timer: setTimeout(() => this.#drop(key, conn, true), IDLE_MS),
        onClose: () => this.#drop(key, conn, false),
      };
      conn.timer.unref();
      tcp.once("close", conn.onClose);
      list.push(conn);
      this.#idle.set(key, list);
    };
    tcp.on("data", onData);
    tcp.write(DISCARD_ALL);
  }

  #drop(key, conn, end) {
    const list = this.#idle.get(key) ?? [];
    const at = list.indexOf(conn);
    if (at >= 0) list.splice(at, 1);
    clearTimeout(conn.timer);
    if (end) conn.tcp.end(TERMINATE); // a session the server sees end, not a lost client
  }
}

// The local stand-in for Neon's WebSocket proxy: the Neon driver in a Worker speaks the Postgres wire
// protocol over a WebSocket (`ws://127.0.0.1:PORT/v2?address=HOST:PORT`), and this pipes it to a TCP
// Postgres (a real server or PGlite through pglite-socket). Development only: no TLS, and it only ever
// connects to loopback addresses, so it cannot be used to reach anything else on the network.
import { createServer } from "node:http";
import { connect } from "node:net";
import { WebSocketServer } from "ws";
import { TerminateWatcher } from "./pg-frontend.mjs";
import {
  admittedWithoutPassword,
  beforeTerminate,
  SessionPool,
  startupOf,
  watcherAfter,
} from "./session-pool.mjs";

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[?::1\]?)$/i;
// Past this much unsent data towards the client, stop reading from Postgres until the socket drains.
const HIGH_WATER = 1 << 20;

/** `address` as the driver sends it ("HOST:PORT", IPv6 in brackets) → {host, port}, or null if it is not loopback. */
export function loopbackTarget(address) {
  const m = /^(.+):(\d{1,5})$/.exec(address ?? "");
  if (!m) return null;
  const port = Number(m[2]);
  if (!LOOPBACK.test(m[1]) || port < 1 || port > 65535) return null;
  return { host: m[1].replace(/^\[|\]$/g, ""), port };
}

/**
 * Whose turn it is to talk to the database, for `exclusive` proxies: pglite-socket queues each protocol message
 * on its own, so two sessions' extended-protocol messages (Parse/Bind/Execute/Sync) interleave and one's unnamed
 * statement replaces the other's ("unnamed prepared statement does not exist"). A session keeps the turn from
 * its first message until the server has answered everything it asked and no transaction is open.
 */
class Turns {
  #owner = null;
  #waiting = [];

  take(session) {
    if (this.#owner === null || this.#owner === session) {
      this.#owner = session;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push({ session, resolve }));
  }

  give(session) {
    for (const w of this.#waiting) if (w.session === session) w.resolve();
    this.#waiting = this.#waiting.filter((w) => w.session !== session);
    if (this.#owner !== session) return;
    const next = this.#waiting.shift();
    this.#owner = next?.session ?? null;
    next?.resolve();
  }
}

/**
 * Starts the proxy on 127.0.0.1 (`port` 0 = a free one). Resolves to {port, address, pause(), resume(), stop()};
 * `address` is what NEON_WS_PROXY expects ("127.0.0.1:PORT"). While paused, the database is unreachable through
 * it, as when Neon or the network is down: every open tunnel is cut and new ones are refused. `exclusive`: one
 * session talks to the database at a time (see Turns) — for PGlite, never for a real server. `pool`: keep server
 * connections between sessions, as Neon's pooled endpoint does (session-pool.mjs) — for a real server; not with
 * `exclusive`.
 */
export async function startNeonProxy({ port = 0, exclusive = false, pool = false } = {}) {
  const sockets = new Set();
  const turns = exclusive ? new Turns() : null;
  const sessions = pool && !exclusive ? new SessionPool() : null;
  const http = createServer((_req, res) =>
    res.writeHead(426, { "content-type": "text/plain" }).end("WebSocket only\n"),
  );
  const wss = new WebSocketServer({ noServer: true });
  let paused = false;
  const cutAll = () => {
    for (const s of sockets) s.destroy();
    for (const ws of wss.clients) ws.terminate();
  };

  http.on("upgrade", (req, socket, head) => {
    if (paused) {
      socket.destroy();
      return;
    }
    const url = new URL(req.url ?? "/", "http://proxy");
    const target = url.pathname === "/v2" ? loopbackTarget(url.searchParams.get("address")) : null;
    if (!target) {
      socket.end(
        "HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nonly /v2?address=<loopback host>:<port>\n",
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => pipe(ws, target, sockets, turns, sessions));
  });

  await new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen({ host: "127.0.0.1", port }, resolve);
  });
  const bound = http.address().port;

  const pause = () => {
    paused = true;
    cutAll();
  };
  const resume = () => {
    paused = false;
  };

  let stopping;
  const stop = () =>
    (stopping ??= new Promise((resolve) => {
      cutAll();
      wss.close();
      http.close(() => resolve());
      http.closeAllConnections();
    }));
  return { port: bound, address: `127.0.0.1:${bound}`, pause, resume, stop };
}

/**
 * One client WebSocket ⇄ one TCP connection to Postgres, closed together — or, with a `pool`, a connection kept from
 * an earlier session with the same StartupMessage (the server's greeting replayed to the client), handed back to
 * the pool after a clean Terminate instead of closed. With a pool the TCP side is opened once the StartupMessage is
 * whole, as which connection to use depends on it.
 */
function pipe(ws, target, sockets, turns, pool) {
  let tcp;
  let terminate = new TerminateWatcher();
  const session = {};
  let ended = false;
  // Client bytes waiting for this session's turn (exclusive proxies only).
  let held = [];
  let waiting = false;
  // Pooled proxies: the client's bytes until its StartupMessage is whole; then the pool key, the startup, and the
  // server's greeting (every byte up to its first ReadyForQuery) while it arrives.
  let early = pool ? Buffer.alloc(0) : null;
  let kept = null; // {key, startup, greeting: Buffer[], complete}
  const write = (chunk) => {
    if (!tcp.write(chunk)) {
      ws.pause();
      tcp.once("drain", () => ws.resume());
    }
  };
  const send = (chunk) => {
    if (!turns) return write(chunk);
    held.push(chunk);
    if (waiting) return;
    waiting = true;
    turns.take(session).then(() => {
      waiting = false;
      const chunks = held;
      held = [];
      if (!tcp.destroyed) for (const c of chunks) write(c);
      if (ended) end();
    });
  };
  // After Terminate the session sends nothing more: its turn ends with it.
  const end = () => {
    tcp.end();
    turns?.give(session);
  };

  // workerd never sends the WebSocket close frame when the driver ends a client, so the Terminate message
  // ('X') is the only sign that the session is over: end the TCP side after it and close the WebSocket.
  const finish = () => {
    if (ended) return;
    ended = true;
    if (!waiting) end(); // else once the held bytes, Terminate included, are written
  };

  const onData = (chunk) => {
    terminate.serverBytes(chunk);
    if (kept && !kept.complete) {
      kept.greeting.push(chunk);
      kept.complete = terminate.pendingReady === 0;
    }
    if (turns && terminate.idle && held.length === 0 && !waiting) turns.give(session);
    if (ws.readyState !== ws.OPEN) return;
    ws.send(chunk, { binary: true });
    if (ws.bufferedAmount > HIGH_WATER) {
      tcp.pause();
      const resume = () => (ws.bufferedAmount > HIGH_WATER / 2 ? setTimeout(resume, 5) : tcp.resume());
      setTimeout(resume, 5);
    }
  };
  const onClose = (hadError) => {
    turns?.give(session);
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) {
      if (hadError) ws.close(1011, "database connection failed");
      else ws.close(1000);
    }
  };
  const attach = (socket) => {
    tcp = socket;
    tcp.on("data", onData);
    tcp.on("close", onClose);
  };
  const open = () => {
    const socket = connect(target);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.setNoDelay(true);
    socket.on("error", () => {}); // "close" follows and closes the WebSocket
    attach(socket);
  };

  /**
   * The client's Terminate ends `chunk`, the server answered everything and no transaction is open: the connection
   * goes back to the pool (without the Terminate) and the WebSocket is closed.
   */
  const handBack = (chunk) => {
    const greeting = Buffer.concat(kept.greeting);
    const rest = beforeTerminate(chunk);
    if (!kept.complete || !admittedWithoutPassword(greeting) || !terminate.idle || rest === null)
      return false;
    ended = true;
    if (rest.length > 0) write(rest);
    tcp.off("data", onData);
    tcp.off("close", onClose);
    pool.release(kept.key, tcp, kept.startup, greeting);
    ws.close(1000);
    return true;
  };
  const fromClient = (chunk) => {
    const sawTerminate = terminate.push(chunk);
    if (sawTerminate && kept && handBack(chunk)) return;
    send(chunk);
    if (sawTerminate) finish();
  };

  ws.on("message", (data, isBinary) => {
    const chunk = isBinary ? Buffer.from(data) : Buffer.from(String(data));
    if (ended) return;
    if (!early) return fromClient(chunk);
    early = Buffer.concat([early, chunk]);
    const startup = startupOf(early);
    if (!startup) return;
    const bytes = early;
    early = null;
    if (startup.poolable) {
      const key = `${target.host}:${target.port}\0${startup.message.toString("latin1")}`;
      const reused = pool.take(key);
      if (reused) {
        attach(reused.tcp);
        terminate = watcherAfter(startup.message, reused.greeting);
        kept = { key, startup: startup.message, greeting: [reused.greeting], complete: true };
        ws.send(reused.greeting, { binary: true });
        const rest = bytes.subarray(startup.message.length);
        if (rest.length > 0) fromClient(rest);
        return;
      }
      kept = { key, startup: startup.message, greeting: [], complete: false };
    }
    open();
    fromClient(bytes);
  });
  ws.on("close", () => (tcp ? finish() : (ended = true)));
  ws.on("error", () => tcp?.destroy());
  if (!pool) open();
}

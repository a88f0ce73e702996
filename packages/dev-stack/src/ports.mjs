import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** Binds `port` on 127.0.0.1 (0 = any) and releases it; resolves to the port, rejects if it is taken. */
function probe(port) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : port));
    });
  });
}

/** A port nothing listens on right now. Wrangler binds it a moment later; the race is accepted. */
export function freePort() {
  return probe(0);
}

/**
 * A free port below the kernel's ephemeral range, for a stack that must come back on the same port after a crash.
 * A port from `freePort()` lies inside that range, so while the stack is down any outgoing connection (a client
 * reconnecting, the Postgres proxy) can take it as its local port, and wrangler then fails with EADDRINUSE.
 * Below 10 000 is left alone: wrangler's defaults (8787…) and the inspector (9229) live there.
 */
export async function restartablePort() {
  const low = ephemeralLow();
  for (let tries = 0; tries < 50; tries++) {
    const port = 10_000 + Math.floor(Math.random() * (low - 10_000));
    try {
      return await probe(port);
    } catch (err) {
      if (err?.code !== "EADDRINUSE") throw err;
    }
  }
  throw new Error(`no free port between 10000 and ${low} on 127.0.0.1`);
}

function ephemeralLow() {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return low > 11_000 ? low : 32_768;
  } catch {
    return 32_768; // not Linux: the IANA range starts at 49152, so this is below it too
  }
}

/**
 * Fails with a clear message instead of letting wrangler die on EADDRINUSE. `waitMs` > 0 keeps trying that long
 * first: a port whose holder was just killed is released by the kernel a moment after the kill, not at it.
 */
export async function assertPortFree(port, hint, waitMs = 0) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await probe(port);
      return;
    } catch (err) {
      if (err?.code !== "EADDRINUSE") throw err;
      if (Date.now() >= deadline)
        throw new Error(`port ${port} on 127.0.0.1 is already in use${hint ? ` — ${hint}` : ""}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** Binds `port` on 127.0.0.1 and releases it; resolves to the port, rejects if it is taken. */
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

/**
 * A port nothing listens on right now, for another process (wrangler) to bind a moment later: below the kernel's
 * ephemeral range, because a port inside it (what binding port 0 gives) can be taken as the local port of any
 * outgoing connection meanwhile — a client, the Postgres proxy — and wrangler then dies with EADDRINUSE (seen in
 * CI: a stack's inspector port, while other suites' stacks and clients were connecting). Below the range only
 * another listener can take it; a stack that must come back on its port after a crash relies on that too.
 * Below 10 000 is left alone: wrangler's defaults (8787…) and the inspector's (9229) live there.
 */
export async function freePort() {
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

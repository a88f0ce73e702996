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

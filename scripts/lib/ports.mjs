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

/** Fails early with a clear message instead of letting wrangler die on EADDRINUSE. */
export async function assertPortFree(port, hint) {
  try {
    await probe(port);
  } catch (err) {
    if (err && err.code === "EADDRINUSE") throw new Error(`port ${port} on 127.0.0.1 is already in use${hint ? ` — ${hint}` : ""}`);
    throw err;
  }
}

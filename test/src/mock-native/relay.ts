// A loopback reverse proxy whose upstream is set at run time (PUT /__relay/upstream with the origin as body).
// The e2e stack is started once, with its native push base URLs fixed; the mocks live in the test file that
// drives them, so the stack is pointed at relays and each test file points the relays at its own mocks.
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface Relay {
  url: string;
  close(): Promise<void>;
}

export async function startRelay(): Promise<Relay> {
  let upstream: URL | undefined;
  const server = createServer((req, res) => {
    if (req.url === "/__relay/upstream" && req.method === "PUT") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        upstream = new URL(body.trim());
        res.writeHead(204).end();
      });
      return;
    }
    if (!upstream)
      return void res.writeHead(502, { "content-type": "text/plain" }).end("relay: no upstream set");
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", (err) =>
      res.headersSent ? res.destroy() : res.writeHead(502).end(`relay: ${err.message}`),
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Points a relay at a mock. */
export async function pointRelay(relayUrl: string, upstream: string): Promise<void> {
  const res = await fetch(`${relayUrl}/__relay/upstream`, { method: "PUT", body: upstream });
  if (res.status !== 204) throw new Error(`relay ${relayUrl}: ${res.status}`);
}

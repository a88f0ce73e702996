import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Test helper: a local gateway stand-in that records what it receives. */
export interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
  at: number;
}

export type Handler = (req: Received, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  port: number;
  url: string;
  received: Received[];
  stop(): Promise<void>;
}

export async function startTestServer(handler: Handler, port = 0): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const entry = {
        url: req.url ?? "",
        headers: req.headers,
        rawBody,
        body: JSON.parse(rawBody) as unknown,
        at: Date.now(),
      };
      received.push(entry);
      void Promise.resolve(handler(entry, res)).catch((err: Error) => {
        res.writeHead(599).end(String(err.stack));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

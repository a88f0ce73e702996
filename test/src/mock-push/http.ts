// Answers shaped like a real push service's (autopush: {code, error, message}) and a bounded body reader.
import type { IncomingMessage, ServerResponse } from "node:http";

/** RFC 8030 §7.2: what every push service must accept; the mock accepts no more. */
export const MAX_BODY = 4096;

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  410: "Gone",
  413: "Payload Too Large",
};

export function reply(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ code: status, error: STATUS_TEXT[status] ?? "Error", message }));
}

/** The body, or undefined when it exceeds MAX_BODY (read to the end anyway, so the 413 reaches the client). */
export async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) req.destroy();
    else if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY ? undefined : Buffer.concat(chunks);
}

// Small HTTP helpers of the native push mocks: a bounded body reader and JSON answers.
import type { IncomingMessage, ServerResponse } from "node:http";

/** The body, or undefined past `limit` bytes (read to the end anyway, so the answer reaches the client). */
export async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What a mock answers, in order, to the next sends to one token (after them: success). */
export type Scripted = number | { status: number; retryAfter?: number; reason?: string };

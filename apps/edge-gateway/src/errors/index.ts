import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody, Issue } from "@buzz/schema";
import type { RoomResult } from "../match-room/contract.js";

/** The one kind of error a handler throws; app.onError turns it into the contract's error body. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    readonly headers?: Record<string, string>,
  ) {
    super(status, { message });
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues?.length ? { issues: this.issues } : {}) } };
  }
}

/** A room answers with values, not throws (classes do not survive RPC); this is where they become errors. */
export function unwrap<T>(result: RoomResult<T>): T {
  if (result.ok) return result.value;
  const { status, code, message, issues } = result.error;
  throw new ApiError(status, code, message, issues);
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(err.body(), err.status, err.headers);
  // Hono's own exceptions (e.g. from a built-in middleware) keep their status but get our body shape.
  if (err instanceof HTTPException && err.status < 500) {
    return c.json({ error: { code: codeFor(err.status), message: err.message || "request refused" } }, err.status as ContentfulStatusCode);
  }
  console.error("unexpected error", c.req.method, new URL(c.req.url).pathname, err);
  return c.json({ error: { code: "internal", message: "internal error" } } satisfies ErrorBody, 500);
}

export function onNotFound(c: Context): Response {
  const { pathname } = new URL(c.req.url);
  return c.json({ error: { code: "not_found", message: `no route for ${c.req.method} ${pathname}` } } satisfies ErrorBody, 404);
}

function codeFor(status: number): string {
  return status === 401 ? "unauthorized" : status === 403 ? "forbidden" : status === 404 ? "not_found" : "bad_request";
}

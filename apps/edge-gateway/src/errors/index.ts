import { errorText, isDatabaseUnavailable } from "@buzz/db";
import type { ErrorBody } from "@buzz/schema/contract";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError } from "./domain.js";

export { DomainError, type ErrorInfo } from "./domain.js";
export { type RpcResult, rpc, unwrap } from "./rpc.js";

/** Seconds a client should wait before retrying a request Postgres could not serve. */
const DATABASE_RETRY_AFTER_S = "5";

export function onError(err: Error, c: Context): Response {
  if (err instanceof DomainError) return c.json(err.body(), err.status, err.headers);
  if (isDatabaseUnavailable(err)) {
    console.warn(
      JSON.stringify({
        msg: "database_unavailable",
        path: new URL(c.req.url).pathname,
        error: errorText(err),
      }),
    );
    const body: ErrorBody = {
      error: {
        code: "database_unavailable",
        message: "Postgres could not serve this now: try again shortly",
      },
    };
    return c.json(body, 503, { "Retry-After": DATABASE_RETRY_AFTER_S });
  }
  // Hono's own exceptions (e.g. from a built-in middleware) keep their status but get our body shape; those
  // whose response we shaped already (requireAdmin's) pass as they are, with the WWW-Authenticate Hono adds.
  if (err instanceof HTTPException && err.status < 500) {
    if (err.res?.headers.get("content-type")?.startsWith("application/json")) return err.getResponse();
    return c.json(
      { error: { code: codeFor(err.status), message: err.message || "request refused" } },
      err.status as ContentfulStatusCode,
    );
  }
  console.error("unexpected error", c.req.method, new URL(c.req.url).pathname, err);
  return c.json({ error: { code: "internal", message: "internal error" } } satisfies ErrorBody, 500);
}

export function onNotFound(c: Context): Response {
  const { pathname } = new URL(c.req.url);
  return c.json(
    { error: { code: "not_found", message: `no route for ${c.req.method} ${pathname}` } } satisfies ErrorBody,
    404,
  );
}

function codeFor(status: number): string {
  return status === 401
    ? "unauthorized"
    : status === 403
      ? "forbidden"
      : status === 404
        ? "not_found"
        : "bad_request";
}

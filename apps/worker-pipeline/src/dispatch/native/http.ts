// The HTTP side every native adapter shares: one request with a timeout and no redirects, and the answers that
// mean the same at every push service (429/5xx: try again later, honouring Retry-After).
import { parseRetryAfter } from "@buzz/queue";
import { PUSH_TIMEOUT_MS, type PushResult } from "../send.js";

export interface HttpOptions {
  fetch: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

export type Answer = { ok: true; res: Response; text: string } | { ok: false; result: Transient };

/** A failure an adapter cannot turn into a push (credentials missing or refused, token endpoint down): its result. */
export class NativePushError extends Error {
  constructor(readonly result: Exclude<PushResult, { kind: "delivered" | "gone" }>) {
    super(result.reason);
  }
}

export const refused = (reason: string, status: number | null = null): NativePushError =>
  new NativePushError({ kind: "refused", status, reason });

/** Sends one request; a network error or a timeout is a transient result (a request was made, status null). */
export async function request(
  url: string,
  init: RequestInit,
  { fetch: fetcher, timeoutMs = PUSH_TIMEOUT_MS }: HttpOptions,
): Promise<Answer> {
  let res: Response;
  try {
    // A redirect is never followed: it could lead outside the allow-list.
    res = await fetcher(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return {
      ok: false,
      result: {
        kind: "transient",
        status: null,
        reason: timedOut ? `no answer within ${timeoutMs} ms` : `network error: ${String(err)}`,
      },
    };
  }
  // Read the body either way: an unread body holds one of the invocation's few connections.
  return { ok: true, res, text: await res.text().catch(() => "") };
}

/** 408, 429 and 5xx: worth trying again, no sooner than Retry-After. Undefined for any other status. */
export type Transient = Extract<PushResult, { kind: "transient" }>;

export function transientOf(res: Response, text: string, now: number): Transient | undefined {
  const status = res.status;
  if (status !== 408 && status !== 429 && status < 500) return undefined;
  const reason = `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}`;
  const retryAfter = parseRetryAfter(res.headers.get("retry-after"), now);
  return retryAfter === undefined
    ? { kind: "transient", status, reason }
    : { kind: "transient", status, retryAfter, reason };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

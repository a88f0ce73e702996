import type { MatchAnalytics } from "@buzz/schema/contract";
import { BuzzHttpError } from "../client/http.js";

/** Where Buzz is: a `BuzzClient` (its `baseUrl`), a `Device`, or `{ baseUrl }`; `fetch` defaults to the global one. */
export interface AnalyticsServer {
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
}

/**
 * `GET /v1/matches/{id}/analytics`: expected goals, shot distance and win probability per event, with xG totals.
 * A non-2xx answer throws a `BuzzHttpError` (503 `analytics_unavailable` while the server cannot reach its database).
 */
export async function matchAnalytics(
  server: AnalyticsServer,
  matchId: string,
  init: { signal?: AbortSignal } = {},
): Promise<MatchAnalytics> {
  if (!server?.baseUrl) throw new TypeError("@buzz/client-sdk matchAnalytics: baseUrl is required");
  const f = server.fetch ?? globalThis.fetch?.bind(globalThis);
  if (!f) throw new Error("@buzz/client-sdk: no fetch in this runtime; pass fetch");
  const url = `${server.baseUrl.replace(/\/+$/, "")}/v1/matches/${encodeURIComponent(matchId)}/analytics`;
  const res = await f(url, { signal: init.signal, headers: { Accept: "application/json" } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new BuzzHttpError(res.status, error?.code ?? "http_error", error?.message ?? `HTTP ${res.status}`);
  }
  return body as MatchAnalytics;
}

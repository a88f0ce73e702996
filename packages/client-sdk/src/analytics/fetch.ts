import type { MatchAnalytics } from "@buzz/schema/contract";
import { answerOf } from "../client/http.js";
import { fetchOf } from "../options/index.js";

/** Where Buzz is: a `BuzzClient` (its `baseUrl`), a `Device`, or `{ baseUrl }`; `fetch` defaults to the global one. */
export interface AnalyticsServer {
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
}

/**
 * `GET /v1/matches/{id}/analytics`: expected goals, shot distance and win probability per event, with xG totals.
 * `until` reads them for the log up to that sequence (e.g. a live handle's `state.last_sequence`): once all of it is
 * enriched the server keeps that answer at the edge, shared by every reader on that state.
 * A non-2xx answer throws a `BuzzHttpError` (503 `analytics_unavailable` while the server cannot reach its database).
 */
export async function matchAnalytics(
  server: AnalyticsServer,
  matchId: string,
  init: { signal?: AbortSignal; until?: number } = {},
): Promise<MatchAnalytics> {
  if (!server?.baseUrl) throw new TypeError("@buzz/client-sdk matchAnalytics: baseUrl is required");
  const f = fetchOf(server);
  if (!f) throw new Error("@buzz/client-sdk: no fetch in this runtime; pass fetch");
  const url = `${server.baseUrl.replace(/\/+$/, "")}/v1/matches/${encodeURIComponent(matchId)}/analytics${init.until === undefined ? "" : `?until=${init.until}`}`;
  return answerOf(await f(url, { signal: init.signal, headers: { Accept: "application/json" } }));
}

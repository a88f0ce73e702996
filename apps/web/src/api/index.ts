import type { ErrorBody, LiveServerMessage, MatchState, MatchSummary, PublishedEvent } from "@buzz/schema";

export type { LiveServerMessage, MatchState, MatchSummary, PublishedEvent };

/** GET a JSON resource of the API; a non-2xx answer throws with the contract's error message. */
async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { accept: "application/json" }, signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}

export async function listMatches(signal?: AbortSignal): Promise<MatchSummary[]> {
  return (await getJson<{ matches: MatchSummary[] }>("/v1/matches", signal)).matches;
}

export function getMatch(matchId: string, signal?: AbortSignal): Promise<MatchState> {
  return getJson<MatchState>(`/v1/matches/${encodeURIComponent(matchId)}`, signal);
}

/** `ws(s)://<this origin>/v1/matches/{id}/live[?after=N]`: without `after` the server starts with a snapshot. */
export function liveUrl(matchId: string, after?: number): string {
  const url = new URL(`/v1/matches/${encodeURIComponent(matchId)}/live`, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  if (after !== undefined) url.searchParams.set("after", String(after));
  return url.toString();
}

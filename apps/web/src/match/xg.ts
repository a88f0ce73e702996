import type { AnalyticsSnapshot } from "@buzz/client-sdk";
import type { MatchAnalytics, ResultChances } from "@buzz/schema/contract";
import { minute } from "../format/index.js";
import type { Attempt } from "./attempts.js";

/** An attempt with its expected goals, when the pipeline has derived them. */
export type XgAttempt = Attempt & { xg: number | null };

/**
 * Each attempt's expected goals from the analytics, by the attempt it describes: a goal's amendment (which may
 * add the coordinates) replaces what its provisional version said.
 */
export function withXg(attempts: Attempt[], analytics: MatchAnalytics | null): XgAttempt[] {
  const xg = new Map<string, number>();
  for (const e of analytics?.events ?? [])
    if (e.attempt_id && e.expected_goals !== null) xg.set(e.attempt_id, e.expected_goals);
  return attempts.map((a) => ({ ...a, xg: xg.get(a.id) ?? null }));
}

/** Marker radius in metres on the 105 m pitch: area ∝ xG, so a 0.8 chance looks four times a 0.2 one. */
export const XG_FULL_RADIUS = 6;
export const MIN_RADIUS = 0.6;
export const markerRadius = (xg: number) =>
  Math.max(MIN_RADIUS, XG_FULL_RADIUS * Math.sqrt(Math.min(Math.max(xg, 0), 1)));

/** The chance written as people read it: 0.76 → "0.76 xG". */
export const xgText = (xg: number) => `${xg.toFixed(2)} xG`;

/**
 * What the page says when it has no figures to show, or null when it has them: the server's own words when
 * it says analytics are unavailable (503), never a guess.
 */
export function xgProblem(s: AnalyticsSnapshot): string | null {
  if (s.status === "ready") return null;
  if (s.status === "loading") return "Loading expected goals…";
  const why = s.error?.message ?? "no answer";
  if (s.status === "unavailable") return `Expected goals are unavailable right now: ${why}`;
  return `Could not read expected goals: ${why}`;
}

/** The latest win probability, after which minute, or null before the pipeline has derived one. */
export function latestChances(
  analytics: MatchAnalytics | null,
): { after: string; chances: ResultChances } | null {
  const e = analytics?.events.findLast((x) => x.win_probability !== null);
  if (!e?.win_probability) return null;
  const after =
    e.event_type === "MATCH_ENDED"
      ? "full time"
      : e.match_minute === null
        ? "the last kick"
        : minute(e.match_minute, e.stoppage_minute ?? 0);
  return { after, chances: e.win_probability };
}

export const percent = (p: number) => `${Math.round(p * 100)}%`;

import type {
  AnalyticsEvent,
  MatchAnalytics,
  PublishedEvent,
  ResultChances,
  SideTotals,
} from "@buzz/schema/contract";

/** What enrichment stored for an event (event_archive.derived), as far as analytics reads it. */
export interface StoredDerived {
  expected_goals?: number;
  shot_distance_m?: number;
  win_probability?: ResultChances;
}

/**
 * The match's analytics from its log (the room's, authoritative) and what enrichment derived per event. An event
 * not yet enriched is left out and counted as pending. The totals count each attempt once, by its latest word:
 * an amended goal by its amendment, and a goal cancelled by VAR not at all.
 */
export function buildAnalytics(
  matchId: string,
  log: readonly PublishedEvent[],
  derived: ReadonlyMap<string, StoredDerived>,
): MatchAnalytics {
  const cancelled = new Set<string>();
  const latest = new Map<string, string>();
  for (const e of log) {
    const attempt = attemptOf(e);
    if (!attempt) continue;
    if (e.event_type === "GOAL_CANCELLED") cancelled.add(attempt);
    else latest.set(attempt, e.event_id);
  }

  const events: AnalyticsEvent[] = [];
  const xg: SideTotals = { home: 0, away: 0 };
  const attempts: SideTotals = { home: 0, away: 0 };
  for (const e of log) {
    const d = derived.get(e.event_id);
    if (!d) continue;
    const attempt = attemptOf(e);
    const counted =
      attempt !== null &&
      e.event_type !== "GOAL_CANCELLED" &&
      latest.get(attempt) === e.event_id &&
      !cancelled.has(attempt) &&
      !isOwnGoal(e);
    const entry = { ...clockOf(e), ...placeOf(e) };
    events.push({
      sequence_number: e.sequence_number,
      event_id: e.event_id,
      event_type: e.event_type,
      ...entry,
      attempt_id: attempt,
      counted,
      expected_goals: d.expected_goals ?? null,
      shot_distance_m: d.shot_distance_m ?? null,
      win_probability: d.win_probability ?? null,
    });
    if (counted && entry.side) {
      const key = entry.side === "HOME" ? "home" : "away";
      attempts[key] += 1;
      xg[key] += d.expected_goals ?? 0;
    }
  }
  return {
    match_id: matchId,
    last_sequence: log.at(-1)?.sequence_number ?? 0,
    events,
    pending: log.length - events.length,
    totals: { expected_goals: { home: round(xg.home), away: round(xg.away) }, attempts },
  };
}

function attemptOf(e: PublishedEvent): string | null {
  switch (e.event_type) {
    case "SHOT":
    case "GOAL_SCORED":
      return e.event_id;
    case "GOAL_AMENDED":
    case "GOAL_CANCELLED":
      return e.metadata.causation_id;
    case "PERIOD_STARTED":
    case "PERIOD_ENDED":
    case "CARD_SHOWN":
    case "SUBSTITUTION":
    case "PENALTY_SHOOTOUT_KICK":
    case "MATCH_ENDED":
    case "VAR_REVIEW_STARTED":
    case "VAR_REVIEW_ENDED":
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE":
      return null;
  }
}

const isOwnGoal = (e: PublishedEvent) =>
  (e.event_type === "GOAL_SCORED" || e.event_type === "GOAL_AMENDED") && e.data.goal_type === "OWN_GOAL";

function clockOf(
  e: PublishedEvent,
): Pick<AnalyticsEvent, "match_minute" | "stoppage_minute" | "match_period"> {
  const d = e.data as {
    match_minute?: number;
    stoppage_minute?: number;
    match_period?: AnalyticsEvent["match_period"];
  };
  if (e.event_type === "PENALTY_SHOOTOUT_KICK")
    return { match_minute: null, stoppage_minute: null, match_period: "PENALTY_SHOOTOUT" };
  if (d.match_minute === undefined)
    return { match_minute: null, stoppage_minute: null, match_period: d.match_period ?? null };
  return {
    match_minute: d.match_minute,
    stoppage_minute: d.stoppage_minute ?? 0,
    match_period: d.match_period ?? null,
  };
}

function placeOf(e: PublishedEvent): Pick<AnalyticsEvent, "side" | "coordinates"> {
  const d = e.data as {
    team?: { side: AnalyticsEvent["side"] };
    coordinates?: AnalyticsEvent["coordinates"];
  };
  return { side: d.team?.side ?? null, coordinates: d.coordinates ?? null };
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

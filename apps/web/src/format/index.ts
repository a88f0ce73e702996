import type { MatchPeriod, MatchStatus, PublishedEvent, VarReason } from "@buzz/schema/contract";

const PERIODS: Record<MatchPeriod, string> = {
  FIRST_HALF: "1st half",
  SECOND_HALF: "2nd half",
  EXTRA_TIME_FIRST_HALF: "extra time, 1st half",
  EXTRA_TIME_SECOND_HALF: "extra time, 2nd half",
  PENALTY_SHOOTOUT: "penalty shoot-out",
};

export const minute = (m: number, stoppage = 0) => (stoppage > 0 ? `${m}+${stoppage}'` : `${m}'`);

interface Clocked {
  status: MatchStatus;
  period: MatchPeriod | null;
  in_play: boolean;
  minute: number | null;
  stoppage_minute: number;
  kickoff_at: string;
}

/** Where a match stands, in words: kick-off time, the running minute, a break, or full time. */
export function matchClock(m: Clocked): string {
  if (m.status === "SCHEDULED") return `kick-off ${m.kickoff_at.slice(0, 16).replace("T", " ")} UTC`;
  if (m.status === "FINISHED") return "full time";
  const period = m.period ? PERIODS[m.period] : "live";
  if (!m.in_play) return `${period} · break`;
  if (m.period === "PENALTY_SHOOTOUT" || m.minute === null) return period;
  return `${period} · ${minute(m.minute, m.stoppage_minute)}`;
}

/** Where an event sits on the match clock, e.g. `45+2'`; null for events without a minute (shoot-out kicks). */
export function eventMinute(e: PublishedEvent): string | null {
  switch (e.event_type) {
    case "PERIOD_STARTED":
      return minute(e.data.match_minute);
    case "PENALTY_SHOOTOUT_KICK":
      return null;
    case "PERIOD_ENDED":
    case "GOAL_SCORED":
    case "GOAL_AMENDED":
    case "GOAL_CANCELLED":
    case "CARD_SHOWN":
    case "SUBSTITUTION":
    case "SHOT":
    case "MATCH_ENDED":
    case "VAR_REVIEW_STARTED":
    case "VAR_REVIEW_ENDED":
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE":
      return minute(e.data.match_minute, e.data.stoppage_minute);
  }
}

const lower = (s: string) => s.replace(/_/g, " ").toLowerCase();
const scoreOf = (s: { home: number; away: number }) => `${s.home}–${s.away}`;
const by = (d: { team: { name: string }; player: { name: string } | null }) =>
  d.player ? `${d.player.name} (${d.team.name})` : d.team.name;

/** What a VAR review is about, in words. */
export const VAR_REASON: Record<VarReason, string> = {
  GOAL: "goal",
  PENALTY: "penalty",
  RED_CARD: "red card",
  MISTAKEN_IDENTITY: "mistaken identity",
};

/** What happened, in one sentence (without the minute). */
export function describeEvent(e: PublishedEvent): string {
  switch (e.event_type) {
    case "PERIOD_STARTED":
      return `${PERIODS[e.data.match_period]} started`;
    case "PERIOD_ENDED":
      return `${PERIODS[e.data.match_period]} ended`;
    case "GOAL_SCORED": {
      const who = e.data.scorer ? e.data.scorer.name : "scorer to be confirmed (goal-line sensor)";
      return `GOAL ${e.data.team.name}: ${who}${e.data.goal_type === "OWN_GOAL" ? " (own goal)" : ""} · ${scoreOf(e.data.score_after)}`;
    }
    case "GOAL_AMENDED":
      return `Goal for ${e.data.team.name} confirmed: ${e.data.scorer?.name ?? "scorer unknown"}${e.data.goal_type === "OWN_GOAL" ? " (own goal)" : ""}`;
    case "GOAL_CANCELLED":
      return `${e.data.reason}: goal for ${e.data.team.name} cancelled · ${scoreOf(e.data.score_after)}`;
    case "CARD_SHOWN":
      return `${lower(e.data.card)} card: ${e.data.player.name} (${e.data.team.name})`;
    case "SUBSTITUTION":
      return `${e.data.team.name}: ${e.data.player_in.name} on for ${e.data.player_out.name}`;
    case "SHOT":
      return `Shot by ${e.data.player.name} (${e.data.team.name}), ${lower(e.data.outcome)}`;
    case "PENALTY_SHOOTOUT_KICK":
      return `Shoot-out kick ${e.data.kick_number}, ${e.data.team.name}: ${e.data.player?.name ?? "taker unknown"} ${e.data.scored ? "scores" : "misses"} · pens ${scoreOf(e.data.penalty_score_after)}`;
    case "VAR_REVIEW_STARTED":
      return `VAR review: ${VAR_REASON[e.data.reason]}`;
    case "VAR_REVIEW_ENDED":
      return `VAR review (${VAR_REASON[e.data.reason]}): decision ${e.data.decision === "CONFIRMED" ? "stands" : "overturned"}`;
    case "CORNER_KICK":
      return `Corner: ${by(e.data)}`;
    case "FOUL":
      return `Foul by ${by(e.data)}`;
    case "OFFSIDE":
      return `Offside: ${by(e.data)}`;
    case "SAVE":
      return `Save: ${by(e.data)}`;
    case "MATCH_ENDED":
      return `Full time · ${scoreOf(e.data.final_score)}${e.data.penalty_score ? ` (pens ${scoreOf(e.data.penalty_score)})` : ""}`;
  }
}

/** A duration for people: "38 ms", "1.24 s", "12.5 min", "3.1 h", "412 d". Negative is a clock skew, kept visible. */
export function duration(ms: number): string {
  const sign = ms < 0 ? "−" : "";
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(2)} s`;
  if (a < 3_600_000) return `${sign}${(a / 60_000).toFixed(1)} min`;
  if (a < 86_400_000) return `${sign}${(a / 3_600_000).toFixed(1)} h`;
  return `${sign}${Math.round(a / 86_400_000)} d`;
}

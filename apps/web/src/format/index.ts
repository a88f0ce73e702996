import type { MatchPeriod, MatchStatus } from "@buzz/schema";
import type { PublishedEvent } from "../api/index.js";

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

/** One line for the live feed. */
export function describeEvent(e: PublishedEvent): string {
  switch (e.event_type) {
    case "PERIOD_STARTED":
      return `${PERIODS[e.data.match_period]} started`;
    case "PERIOD_ENDED":
      return `${PERIODS[e.data.match_period]} ended`;
    case "GOAL_SCORED":
    case "GOAL_AMENDED": {
      const who = e.data.scorer ? e.data.scorer.name : "scorer to be confirmed";
      const verb = e.event_type === "GOAL_AMENDED" ? "Goal updated" : "GOAL";
      const score = `${e.data.score_after.home}–${e.data.score_after.away}`;
      return `${minute(e.data.match_minute, e.data.stoppage_minute)} ${verb} ${e.data.team.name}: ${who}${e.data.goal_type === "OWN_GOAL" ? " (own goal)" : ""} · ${score}`;
    }
    case "GOAL_CANCELLED":
      return `Goal for ${e.data.team.name} cancelled (${e.data.reason}) · ${e.data.score_after.home}–${e.data.score_after.away}`;
    case "CARD_SHOWN":
      return `${minute(e.data.match_minute, e.data.stoppage_minute)} ${e.data.card.replace("_", " ").toLowerCase()} card: ${e.data.player.name} (${e.data.team.name})`;
    case "SUBSTITUTION":
      return `${minute(e.data.match_minute, e.data.stoppage_minute)} ${e.data.team.name}: ${e.data.player_in.name} on for ${e.data.player_out.name}`;
    case "SHOT":
      return `${minute(e.data.match_minute, e.data.stoppage_minute)} shot by ${e.data.player.name} (${e.data.outcome.replace("_", " ").toLowerCase()})`;
    case "PENALTY_SHOOTOUT_KICK":
      return `Shoot-out kick ${e.data.kick_number}, ${e.data.team.name}: ${e.data.player?.name ?? "taker unknown"} ${e.data.scored ? "scores" : "misses"} · ${e.data.penalty_score_after.home}–${e.data.penalty_score_after.away}`;
    case "MATCH_ENDED":
      return `Full time · ${e.data.final_score.home}–${e.data.final_score.away}`;
  }
}

import type { PublishedEvent, PublishedEventOf, Score } from "@buzz/schema/contract";
import { directionOf, type NotificationLocale, resolveLocale } from "../locale/index.js";
import { PHRASES, type Phrases } from "../templates/index.js";
import { bodyOf, fullNameIfShortened, minuteOf, scoreOf, whoOf } from "./format.js";
import { shortName } from "./names.js";
import { tagOf } from "./tag.js";

export interface RenderOptions {
  /** Origin the dashboard is served from; `data.url` is relative ("/#/matches/…") without it. */
  baseUrl?: string;
  /** Team names, for the events that carry none (periods, final whistle). */
  teams?: { home: string; away: string };
  /** The score when the event was sequenced, for the events that carry none (periods). */
  score?: Score;
}

export interface RenderedNotification {
  title: string;
  body: string;
  tag: string;
  dir: "ltr" | "rtl";
  lang: NotificationLocale;
  data: { event_id: string; match_id: string; sequence_number: number; url: string };
}

type Text = { title: string; body: string };
type Goal = PublishedEventOf<"GOAL_SCORED"> | PublishedEventOf<"GOAL_AMENDED">;

/** The Web Push payload for a fan in `locale`, or null for events nobody is notified of (shots, corners…). */
export function renderNotification(
  event: PublishedEvent,
  locale: string,
  opts: RenderOptions = {},
): RenderedNotification | null {
  const lang = resolveLocale(locale);
  const text = textOf(event, PHRASES[lang], opts);
  if (!text) return null;
  return {
    ...text,
    tag: tagOf(event),
    dir: directionOf(lang),
    lang,
    data: {
      event_id: event.event_id,
      match_id: event.match_id,
      sequence_number: event.sequence_number,
      url: `${(opts.baseUrl ?? "").replace(/\/+$/, "")}/#/matches/${encodeURIComponent(event.match_id)}`,
    },
  };
}

function textOf(event: PublishedEvent, p: Phrases, opts: RenderOptions): Text | null {
  const competition = event.competition.name;
  switch (event.event_type) {
    case "GOAL_SCORED":
    case "GOAL_AMENDED":
      return goalText(event, p, competition);
    case "GOAL_CANCELLED": {
      const d = event.data;
      return {
        title: `❌ ${p.labelled(p.goalCancelled, d.team.name)} — ${scoreOf(p, d.score_after)}${p.clock(minuteOf(d.match_minute, d.stoppage_minute))}`,
        body: bodyOf([d.reason.trim() && p.reason(d.reason.trim())], competition),
      };
    }
    case "CARD_SHOWN": {
      const d = event.data;
      const short = shortName(d.player.name);
      const emoji = { YELLOW: "🟨", SECOND_YELLOW: "🟨🟥", RED: "🟥" }[d.card];
      return {
        title: `${emoji} ${p.labelled(p.cards[d.card], whoOf(d.team.name, short))}${p.clock(minuteOf(d.match_minute, d.stoppage_minute))}`,
        body: bodyOf([fullNameIfShortened(d.player.name, short)], competition),
      };
    }
    case "SUBSTITUTION": {
      const d = event.data;
      const swap = p.playerOnFor(shortName(d.player_in.name), shortName(d.player_out.name));
      return {
        title: `🔄 ${p.labelled(p.substitution, `${swap} (${d.team.name})`)}${p.clock(minuteOf(d.match_minute, d.stoppage_minute))}`,
        body: bodyOf([], competition),
      };
    }
    case "PERIOD_STARTED":
      return {
        title: `▶️ ${p.periodStarted[event.data.match_period]}${matchupOf(p, opts)}`,
        body: bodyOf([], competition),
      };
    case "PERIOD_ENDED": {
      const d = event.data;
      return {
        title: `⏸️ ${p.periodEnded[d.match_period]}${matchupOf(p, opts)}${p.clock(minuteOf(d.match_minute, d.stoppage_minute))}`,
        body: bodyOf([], competition),
      };
    }
    case "PENALTY_SHOOTOUT_KICK": {
      const d = event.data;
      const who = whoOf(d.team.name, d.player ? shortName(d.player.name) : null);
      return {
        title: `${d.scored ? "🎯" : "❌"} ${p.labelled(p.shootout, p.kick(who, d.scored))} — ${scoreOf(p, d.penalty_score_after)}`,
        body: bodyOf([p.kickNumber(d.kick_number)], competition),
      };
    }
    case "MATCH_ENDED": {
      const d = event.data;
      const final = opts.teams
        ? `${opts.teams.home} ${scoreOf(p, d.final_score)} ${opts.teams.away}`
        : scoreOf(p, d.final_score);
      // 120 minutes played without a shoot-out means extra time settled it.
      const decided = d.penalty_score
        ? p.afterPenalties(scoreOf(p, d.penalty_score))
        : d.match_minute >= 120
          ? p.afterExtraTime
          : null;
      return {
        title: `🏁 ${p.labelled(p.matchEnded, decided ? `${final} ${decided}` : final)}`,
        body: bodyOf([], competition),
      };
    }
    case "VAR_REVIEW_STARTED": {
      const d = event.data;
      return {
        title: `📺 ${p.labelled(p.varReview, p.varReasons[d.reason])}${p.clock(minuteOf(d.match_minute, d.stoppage_minute))}`,
        body: bodyOf([], competition),
      };
    }
    case "VAR_REVIEW_ENDED": {
      const d = event.data;
      return {
        title: `📺 ${p.labelled(p.varReview, `${p.varReasons[d.reason]} — ${p.varDecisions[d.decision]}`)}${p.clock(minuteOf(d.match_minute, d.stoppage_minute))}`,
        body: bodyOf([], competition),
      };
    }
    // Never pushed (no preference category): live feed and stats only.
    case "SHOT":
    case "CORNER_KICK":
    case "FOUL":
    case "OFFSIDE":
    case "SAVE":
      return null;
  }
}

function goalText(event: Goal, p: Phrases, competition: string): Text {
  const d = event.data;
  const ownGoal = d.goal_type === "OWN_GOAL";
  const scorer = d.scorer?.name.trim() || null;
  const short = scorer ? shortName(scorer) : null;
  // An own goal's scorer plays for the other side, so the headline names only the team it counts for.
  const who = whoOf(d.team.name, ownGoal ? null : short);
  const details = ownGoal
    ? [scorer ? p.ownGoalBy(scorer) : p.goalTypes.OWN_GOAL]
    : [
        scorer && short && fullNameIfShortened(scorer, short),
        d.goal_type && d.goal_type !== "OPEN_PLAY" ? p.goalTypes[d.goal_type] : null,
      ];
  return {
    title: `⚽ ${p.goal} ${who} — ${scoreOf(p, d.score_after)}${p.clock(minuteOf(d.match_minute, d.stoppage_minute))}`,
    body: bodyOf(
      [...details, !scorer && d.provisional && p.scorerPending, d.assist && p.assist(d.assist.name)],
      competition,
    ),
  };
}

/** " — France 1-1 Croatia", " — France – Croatia" or " — 1-1", from what the caller knows; "" if nothing. */
function matchupOf(p: Phrases, opts: RenderOptions): string {
  const { teams, score } = opts;
  if (teams && score) return ` — ${teams.home} ${scoreOf(p, score)} ${teams.away}`;
  if (teams) return ` — ${teams.home} – ${teams.away}`;
  return score ? ` — ${scoreOf(p, score)}` : "";
}

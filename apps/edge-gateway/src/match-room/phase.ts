import {
  type EventInput,
  type EventType,
  MATCH_PERIODS,
  type MatchPeriod,
  type MatchState,
} from "@buzz/schema/contract";
import { DomainError } from "../errors/domain.js";
import type { Outcome } from "./decide.js";

/** Where a match is when an event reaches it: before any period, in one, or over. */
export const PHASES = ["PRE_MATCH", ...MATCH_PERIODS, "FINISHED"] as const;
export type Phase = (typeof PHASES)[number];

/**
 * What the room does with an event type in a phase, before (and, for `without_score`, after) deciding it:
 * - `sequence`: decide it as usual (decide.ts still refuses what the state forbids, e.g. a period twice);
 * - `refuse`: 409 with `code`, whatever the event says;
 * - `without_score`: taken only if it changes no score (a late report of a goal already on the board fuses into
 *   it), else 409 with `code`.
 */
export type Rule =
  | { kind: "sequence" }
  | { kind: "refuse"; code: string; why: string }
  | { kind: "without_score"; code: string; why: string };

const SEQ: Rule = { kind: "sequence" };
const FINISHED: Rule = {
  kind: "refuse",
  code: "match_finished",
  why: "the match has ended; only corrections of its goals are accepted",
};
// During the shoot-out the sensor sees every kick cross the line and an operator may still file the shot: neither
// is a goal of the match (kicks count only in penalty_score), so neither may move the score.
const NO_GOAL_IN_SHOOTOUT: Rule = {
  kind: "without_score",
  code: "shootout_in_progress",
  why: "the shoot-out is in progress: its goals are PENALTY_SHOOTOUT_KICK events, not goals of the match",
};
const NO_SHOT_IN_SHOOTOUT: Rule = {
  kind: "refuse",
  code: "shootout_in_progress",
  why: "the shoot-out is in progress: its attempts are PENALTY_SHOOTOUT_KICK events, not shots",
};
const NO_INCIDENT_IN_SHOOTOUT: Rule = {
  kind: "refuse",
  code: "shootout_in_progress",
  why: "the shoot-out is in progress: corners, fouls, offsides and saves are counted in the match only",
};
const NO_KICK_YET: Rule = {
  kind: "refuse",
  code: "shootout_not_started",
  why: "no shoot-out has started (PERIOD_STARTED PENALTY_SHOOTOUT comes first)",
};

/** Every phase the same rule, but for the ones named. */
const row = (rule: Rule, except: Partial<Record<Phase, Rule>> = {}): Record<Phase, Rule> =>
  Object.fromEntries(PHASES.map((p) => [p, except[p] ?? rule])) as Record<Phase, Rule>;
const beforeShootout: Partial<Record<Phase, Rule>> = {
  PRE_MATCH: NO_KICK_YET,
  FIRST_HALF: NO_KICK_YET,
  SECOND_HALF: NO_KICK_YET,
  EXTRA_TIME_FIRST_HALF: NO_KICK_YET,
  EXTRA_TIME_SECOND_HALF: NO_KICK_YET,
};

/**
 * Every event type in every phase (issue 11). Corrections of goals stay open in every phase, even after the
 * final whistle, since a review or an operator's fix may land late; cards may be shown (and players replaced,
 * for an injured goalkeeper) during the shoot-out.
 */
export const PHASE_RULES: Record<EventType, Record<Phase, Rule>> = {
  PERIOD_STARTED: row(SEQ, { FINISHED }),
  PERIOD_ENDED: row(SEQ, { FINISHED }),
  GOAL_LINE_SIGNAL: row(SEQ, { PENALTY_SHOOTOUT: NO_GOAL_IN_SHOOTOUT, FINISHED }),
  GOAL_SCORED: row(SEQ, { PENALTY_SHOOTOUT: NO_GOAL_IN_SHOOTOUT, FINISHED }),
  GOAL_AMENDED: row(SEQ),
  GOAL_CANCELLED: row(SEQ),
  CARD_SHOWN: row(SEQ, { FINISHED }),
  SUBSTITUTION: row(SEQ, { FINISHED }),
  SHOT: row(SEQ, { PENALTY_SHOOTOUT: NO_SHOT_IN_SHOOTOUT, FINISHED }),
  PENALTY_SHOOTOUT_KICK: row(SEQ, { ...beforeShootout, FINISHED }),
  MATCH_ENDED: row(SEQ, { FINISHED }),
  // A kick may be reviewed. A review still running at the final whistle may end after it, and an overturned
  // goal is then cancelled, as any correction would be.
  VAR_REVIEW_STARTED: row(SEQ, { FINISHED }),
  VAR_REVIEW_ENDED: row(SEQ),
  CORNER_KICK: row(SEQ, { PENALTY_SHOOTOUT: NO_INCIDENT_IN_SHOOTOUT, FINISHED }),
  FOUL: row(SEQ, { PENALTY_SHOOTOUT: NO_INCIDENT_IN_SHOOTOUT, FINISHED }),
  OFFSIDE: row(SEQ, { PENALTY_SHOOTOUT: NO_INCIDENT_IN_SHOOTOUT, FINISHED }),
  SAVE: row(SEQ, { PENALTY_SHOOTOUT: NO_INCIDENT_IN_SHOOTOUT, FINISHED }),
};

/** The period an event says it happened in, if it says one (after normalize). */
function declaredPeriod(e: EventInput): MatchPeriod | null {
  const d = e.data as { match_period?: MatchPeriod };
  return d.match_period ?? null;
}

/**
 * The phase an event is judged in: the match's, or the later period the event claims (a sensor signal tagged
 * PENALTY_SHOOTOUT is a shoot-out signal even if the referee's PERIOD_STARTED has not reached us yet).
 */
export function phaseOf(s: MatchState, e: EventInput): Phase {
  if (s.status === "FINISHED") return "FINISHED";
  const i = Math.max(
    PHASES.indexOf(s.period ?? "PRE_MATCH"),
    PHASES.indexOf(declaredPeriod(e) ?? "PRE_MATCH"),
  );
  return PHASES[i]!;
}

export function ruleOf(s: MatchState, e: EventInput): Rule {
  return PHASE_RULES[e.event_type][phaseOf(s, e)];
}

function refuse(rule: { code: string; why: string }, e: EventInput, phase: Phase): never {
  throw new DomainError(409, rule.code, `${e.event_type} is not accepted in ${phase}: ${rule.why}`);
}

/** Before deciding: throws the 409 of a `refuse` cell. */
export function admit(s: MatchState, e: EventInput): void {
  const rule = ruleOf(s, e);
  if (rule.kind === "refuse") refuse(rule, e, phaseOf(s, e));
}

/** After deciding: throws the 409 of a `without_score` cell when the outcome would put a new goal on the score. */
export function checkOutcome(s: MatchState, e: EventInput, outcome: Outcome): void {
  const rule = ruleOf(s, e);
  const scores = outcome.kind === "publish" && outcome.event_type === "GOAL_SCORED";
  if (rule.kind === "without_score" && scores) refuse(rule, e, phaseOf(s, e));
}

import {
  EVENT_TYPES,
  type EventInput,
  type EventInputDraft,
  type EventType,
  MATCH_PERIODS,
  type MatchPeriod,
  type MatchState,
  PERIOD_START_MINUTE,
} from "@buzz/schema/contract";
import { EventInputSchema } from "@buzz/schema/validate";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/domain.js";
import { at, ev } from "../testing/fixtures.js";
import { room } from "../testing/room.js";
import { PHASE_RULES, PHASES, type Phase, phaseOf } from "./phase.js";

/** A match with one goal (FRA, 30') forced into `phase`, so corrections of that goal have something to refer to. */
async function matchIn(
  phase: Phase,
  before?: MatchPeriod,
  reviewing = false,
): Promise<{ state: MatchState; goalId: string }> {
  const r = room();
  await r.send(ev.start("FIRST_HALF"));
  const [goal] = await r.send(ev.goal("HOME", "FRA-griezmann", 30));
  const s = r.state;
  const period = phase === "PRE_MATCH" ? null : phase === "FINISHED" ? "SECOND_HALF" : phase;
  const state: MatchState = {
    ...s,
    status: phase === "PRE_MATCH" ? "SCHEDULED" : phase === "FINISHED" ? "FINISHED" : "LIVE",
    // A period's own PERIOD_STARTED needs the match one period earlier to be taken.
    period: before === undefined ? period : (MATCH_PERIODS[MATCH_PERIODS.indexOf(before) - 1] ?? null),
    penalty_score: phase === "PENALTY_SHOOTOUT" ? { home: 0, away: 0 } : null,
    // The end of a review needs one running.
    var_review: reviewing
      ? { event_id: "review-1", reason: "PENALTY", started_at: at(199), causation_id: null }
      : null,
  };
  return { state, goalId: goal!.event_id };
}

const opta = { system: "OPTA" as const };
/** A valid event of each type, placed in `period`; corrections refer to `goalId`. */
function eventOf(type: EventType, period: MatchPeriod, goalId: string): EventInput {
  const clock = { match_period: period, match_minute: PERIOD_START_MINUTE[period] + 1 };
  const home = { side: "HOME" as const };
  const drafts: Record<EventType, Omit<EventInputDraft, "occurred_at" | "source">> = {
    PERIOD_STARTED: { event_type: "PERIOD_STARTED", data: { match_period: period } },
    PERIOD_ENDED: { event_type: "PERIOD_ENDED", data: { match_period: period } },
    GOAL_LINE_SIGNAL: { event_type: "GOAL_LINE_SIGNAL", data: { team: home, ...clock } },
    GOAL_SCORED: {
      event_type: "GOAL_SCORED",
      data: { team: home, scorer: { player_id: "FRA-mbappe" }, goal_type: "OPEN_PLAY", ...clock },
    },
    GOAL_AMENDED: {
      event_type: "GOAL_AMENDED",
      data: { scorer: { player_id: "FRA-pogba" } },
      metadata: { causation_id: goalId },
    },
    GOAL_CANCELLED: { event_type: "GOAL_CANCELLED", data: {}, metadata: { causation_id: goalId } },
    CARD_SHOWN: {
      event_type: "CARD_SHOWN",
      data: { team: home, player: { player_id: "FRA-pogba" }, card: "YELLOW", ...clock },
    },
    SUBSTITUTION: {
      event_type: "SUBSTITUTION",
      data: {
        team: home,
        player_out: { player_id: "FRA-pogba" },
        player_in: { player_id: "FRA-giroud" },
        ...clock,
      },
    },
    SHOT: {
      event_type: "SHOT",
      data: { team: home, player: { player_id: "FRA-mbappe" }, outcome: "ON_TARGET", ...clock },
    },
    PENALTY_SHOOTOUT_KICK: {
      event_type: "PENALTY_SHOOTOUT_KICK",
      data: { team: home, kick_number: 1, scored: true },
    },
    MATCH_ENDED: { event_type: "MATCH_ENDED", data: {} },
    VAR_REVIEW_STARTED: {
      event_type: "VAR_REVIEW_STARTED",
      data: { reason: "GOAL", ...clock },
      metadata: { causation_id: goalId },
    },
    VAR_REVIEW_ENDED: { event_type: "VAR_REVIEW_ENDED", data: { decision: "CONFIRMED", ...clock } },
    CORNER_KICK: { event_type: "CORNER_KICK", data: { team: home, ...clock } },
    FOUL: { event_type: "FOUL", data: { team: home, player: { player_id: "FRA-pogba" }, ...clock } },
    OFFSIDE: { event_type: "OFFSIDE", data: { team: home, player: { player_id: "FRA-giroud" }, ...clock } },
    SAVE: { event_type: "SAVE", data: { team: home, ...clock } },
  };
  return EventInputSchema.parse({ ...drafts[type], occurred_at: at(200), source: opta });
}

/** What the room answers: the result's status, or the error's code. */
async function outcome(state: MatchState, e: EventInput): Promise<string> {
  try {
    const [result] = await room(state).send(e);
    return result!.status;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return `${err.status} ${err.code}`;
  }
}

const PHASE_CODES = new Set(
  Object.values(PHASE_RULES).flatMap((row) =>
    Object.values(row).flatMap((r) => (r.kind === "sequence" ? [] : [r.code])),
  ),
);
/**
 * The period an event of `type` names when it reaches a match in `phase`. The schema keeps clock events out of the
 * shoot-out (kicks have their own type), so during it they are late reports from extra time.
 */
const declaredIn = (type: EventType, phase: Phase): MatchPeriod => {
  if (phase === "PRE_MATCH") return "FIRST_HALF";
  if (phase === "FINISHED") return "SECOND_HALF";
  if (phase === "PENALTY_SHOOTOUT" && !type.startsWith("PERIOD_")) return "EXTRA_TIME_SECOND_HALF";
  return phase;
};

describe("every event type in every phase (issue 11)", () => {
  for (const type of EVENT_TYPES) {
    for (const phase of PHASES) {
      const rule = PHASE_RULES[type][phase];
      it(`${type} in ${phase}: ${rule.kind}${rule.kind === "sequence" ? "" : ` (${rule.code})`}`, async () => {
        const { state, goalId } = await matchIn(
          phase,
          type === "PERIOD_STARTED" ? declaredIn(type, phase) : undefined,
          type === "VAR_REVIEW_ENDED",
        );
        const e = eventOf(type, declaredIn(type, phase), goalId);
        const judged = phaseOf(state, e);
        if (judged !== phase) {
          // An event that names its period before kick-off is judged in that period: the PRE_MATCH cell
          // cannot be reached, so it must not say anything else.
          expect(phase).toBe("PRE_MATCH");
          expect(rule).toEqual(PHASE_RULES[type][judged]);
          return;
        }
        const got = await outcome(state, e);
        if (rule.kind === "sequence") {
          expect(got, "a phase code refused an event the table sequences").not.toMatch(/^409 /);
          expect(got).toMatch(/^(sequenced|amended|duplicate)$/);
        } else {
          expect(got).toBe(`409 ${rule.code}`);
        }
        if (rule.kind === "without_score") {
          // A late report of the goal already on the board fuses into it and moves no score.
          const late = eventOf(type, "FIRST_HALF", goalId);
          const fused = EventInputSchema.parse({
            ...late,
            occurred_at: at(30),
            data: { ...late.data, match_minute: 30 },
          });
          expect(await outcome(state, fused)).toMatch(/^(amended|duplicate)$/);
        }
      });
    }
  }

  it("uses only its own codes for phase refusals", () => {
    expect([...PHASE_CODES].sort()).toEqual([
      "match_finished",
      "shootout_in_progress",
      "shootout_not_started",
    ]);
  });
});

describe("the shoot-out (issue 11 item 3)", () => {
  it("refuses a goal-line signal during the shoot-out and leaves score and shoot-out as they were", async () => {
    const r = room();
    await r.send(
      ev.start("FIRST_HALF"),
      ev.goal("HOME", "FRA-griezmann", 30),
      ev.start("PENALTY_SHOOTOUT", 120),
    );
    await r.send(ev.kick("HOME", 1, true));
    const before = r.state;
    const signal = EventInputSchema.parse({
      event_type: "GOAL_LINE_SIGNAL",
      occurred_at: at(126),
      source: { system: "HAWKEYE" },
      data: { team: { side: "AWAY" } },
    });
    await expect(r.send(signal)).rejects.toMatchObject({ status: 409, code: "shootout_in_progress" });
    expect(r.state).toEqual(before);
    expect(r.state.penalty_score).toEqual({ home: 1, away: 0 });
    expect([r.state.home.score, r.state.away.score]).toEqual([1, 0]);
  });

  it("judges an event by the later of the match's period and the one it claims", async () => {
    const { state } = await matchIn("PRE_MATCH");
    expect(phaseOf(state, eventOf("CARD_SHOWN", "SECOND_HALF", ""))).toBe("SECOND_HALF");
    expect(phaseOf(state, eventOf("MATCH_ENDED", "SECOND_HALF", ""))).toBe("PRE_MATCH");
    const { state: shootout } = await matchIn("PENALTY_SHOOTOUT");
    expect(phaseOf(shootout, eventOf("SHOT", "FIRST_HALF", ""))).toBe("PENALTY_SHOOTOUT");
  });
});

describe("the decisions themselves", () => {
  /** The table as issue 11 decided it: each type's refusals, by phase; every other cell sequences. */
  const DECIDED: Record<EventType, Partial<Record<Phase, string>>> = {
    PERIOD_STARTED: { FINISHED: "match_finished" },
    PERIOD_ENDED: { FINISHED: "match_finished" },
    GOAL_LINE_SIGNAL: {
      PENALTY_SHOOTOUT: "shootout_in_progress (without_score)",
      FINISHED: "match_finished",
    },
    GOAL_SCORED: { PENALTY_SHOOTOUT: "shootout_in_progress (without_score)", FINISHED: "match_finished" },
    GOAL_AMENDED: {},
    GOAL_CANCELLED: {},
    CARD_SHOWN: { FINISHED: "match_finished" },
    SUBSTITUTION: { FINISHED: "match_finished" },
    SHOT: { PENALTY_SHOOTOUT: "shootout_in_progress", FINISHED: "match_finished" },
    PENALTY_SHOOTOUT_KICK: {
      PRE_MATCH: "shootout_not_started",
      FIRST_HALF: "shootout_not_started",
      SECOND_HALF: "shootout_not_started",
      EXTRA_TIME_FIRST_HALF: "shootout_not_started",
      EXTRA_TIME_SECOND_HALF: "shootout_not_started",
      FINISHED: "match_finished",
    },
    MATCH_ENDED: { FINISHED: "match_finished" },
    VAR_REVIEW_STARTED: { FINISHED: "match_finished" },
    VAR_REVIEW_ENDED: {},
    CORNER_KICK: { PENALTY_SHOOTOUT: "shootout_in_progress", FINISHED: "match_finished" },
    FOUL: { PENALTY_SHOOTOUT: "shootout_in_progress", FINISHED: "match_finished" },
    OFFSIDE: { PENALTY_SHOOTOUT: "shootout_in_progress", FINISHED: "match_finished" },
    SAVE: { PENALTY_SHOOTOUT: "shootout_in_progress", FINISHED: "match_finished" },
  };
  it("are the ones in the table", () => {
    for (const type of EVENT_TYPES)
      for (const phase of PHASES) {
        const rule = PHASE_RULES[type][phase];
        const said =
          rule.kind === "sequence"
            ? undefined
            : `${rule.code}${rule.kind === "without_score" ? " (without_score)" : ""}`;
        expect(said, `${type} in ${phase}`).toBe(DECIDED[type][phase]);
      }
  });
});

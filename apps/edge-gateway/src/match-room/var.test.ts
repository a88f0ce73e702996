import { type EventInputDraft, rebuild } from "@buzz/schema/contract";
import { EventInputSchema } from "@buzz/schema/validate";
import { describe, expect, it } from "vitest";
import { at, ev, FINAL } from "../testing/fixtures.js";
import { room } from "../testing/room.js";

const referee = { system: "REFEREE" as const };
const parse = (e: EventInputDraft) => EventInputSchema.parse(e);
const review = (reason: "GOAL" | "PENALTY", minute: number, causation_id?: string) =>
  parse({
    event_type: "VAR_REVIEW_STARTED",
    occurred_at: at(minute, 20),
    source: referee,
    data: { reason },
    ...(causation_id && { metadata: { causation_id } }),
  });
const decision = (d: "CONFIRMED" | "OVERTURNED", minute: number, causation_id?: string) =>
  parse({
    event_type: "VAR_REVIEW_ENDED",
    occurred_at: at(minute, 50),
    source: referee,
    data: { decision: d },
    ...(causation_id && { metadata: { causation_id } }),
  });
const incident = (
  event_type: "CORNER_KICK" | "FOUL" | "OFFSIDE" | "SAVE",
  side: "HOME" | "AWAY",
  minute: number,
  player?: string,
) =>
  parse({
    event_type,
    occurred_at: at(minute),
    source: { system: "OPTA" },
    data: {
      team: { side },
      ...(player && { player: { player_id: player } }),
      match_minute: minute,
      match_period: "FIRST_HALF",
    },
  } as EventInputDraft);

describe("VAR reviews", () => {
  it("an overturned goal review ends in the goal's cancellation, sequenced right after the decision", async () => {
    const r = room();
    await r.send(ev.start("FIRST_HALF"));
    const [goal] = await r.send(ev.goal("AWAY", "CRO-perisic", 28));
    const [started] = await r.send(review("GOAL", 29, goal!.event_id));
    expect(r.state.var_review).toEqual({
      event_id: started!.event_id,
      reason: "GOAL",
      started_at: at(29, 20),
      causation_id: goal!.event_id,
    });
    // The operator leaves the review to the room: it names the one running.
    const [ended] = await r.send(decision("OVERTURNED", 30));
    expect(ended).toMatchObject({ status: "sequenced", sequence_number: 4 });
    expect(r.log.slice(2).map((e) => [e.sequence_number, e.event_type, e.metadata.causation_id])).toEqual([
      [3, "VAR_REVIEW_STARTED", goal!.event_id],
      [4, "VAR_REVIEW_ENDED", started!.event_id],
      [5, "GOAL_CANCELLED", goal!.event_id],
    ]);
    const story = new Set(r.log.slice(1).map((e) => e.metadata.correlation_id));
    expect(story.size).toBe(1);
    expect(r.log[3]!.data).toMatchObject({ reason: "GOAL", decision: "OVERTURNED" });
    expect(r.log[4]!.data).toMatchObject({ reason: "VAR", score_after: { home: 0, away: 0 } });
    expect(r.state.var_review).toBeNull();
    expect(r.state.away.score).toBe(0);
    expect(r.state.goals[0]).toMatchObject({ cancelled: true, cancel_reason: "VAR" });

    // An operator who also sends the cancellation, as before v1.1, is answered with the room's.
    const [again] = await r.send(ev.cancel(goal!.event_id, 31));
    expect(again).toEqual({ status: "duplicate", event_id: r.log[4]!.event_id, sequence_number: 5 });
    expect(rebuild("wc2018-64-fra-cro", FINAL, r.log, "2026-11-21T14:00:00.000Z")).toEqual(r.state);
  });

  it("a confirmed review leaves the goal, and an overturn of a goal already cancelled adds nothing", async () => {
    const r = room();
    const [goal] = await r.send(ev.goal("HOME", "FRA-griezmann", 38));
    const [started] = await r.send(review("GOAL", 39, goal!.event_id));
    await r.send(decision("CONFIRMED", 40, started!.event_id));
    expect(r.log.map((e) => e.event_type)).toEqual(["GOAL_SCORED", "VAR_REVIEW_STARTED", "VAR_REVIEW_ENDED"]);
    expect([r.state.home.score, r.state.var_review]).toEqual([1, null]);

    const [second] = await r.send(ev.goal("HOME", "FRA-mbappe", 65));
    await r.send(review("GOAL", 66, second!.event_id), ev.cancel(second!.event_id, 66));
    await r.send(decision("OVERTURNED", 67));
    expect(r.log.slice(-2).map((e) => e.event_type)).toEqual(["GOAL_CANCELLED", "VAR_REVIEW_ENDED"]);
  });

  it("runs one review at a time, and ends only the one running", async () => {
    const r = room();
    const [goal] = await r.send(ev.goal("HOME", "FRA-griezmann", 38));
    await expect(r.send(decision("CONFIRMED", 38))).rejects.toMatchObject({
      status: 409,
      code: "no_var_review",
    });
    await r.send(review("PENALTY", 39));
    await expect(r.send(review("GOAL", 39, goal!.event_id))).rejects.toMatchObject({
      status: 409,
      code: "var_review_in_progress",
    });
    await expect(r.send(decision("CONFIRMED", 40, goal!.event_id))).rejects.toMatchObject({
      status: 422,
      code: "unknown_review",
    });
  });

  it("reviews the latest goal on the score when the operator names none", async () => {
    const r = room();
    const [first] = await r.send(ev.goal("HOME", "FRA-griezmann", 18));
    const [second] = await r.send(ev.goal("AWAY", "CRO-perisic", 28));
    await r.send(ev.cancel(second!.event_id, 29), review("GOAL", 30));
    expect(r.state.var_review?.causation_id).toBe(first!.event_id);
    await expect(room().send(review("GOAL", 30))).rejects.toMatchObject({
      status: 422,
      code: "unknown_goal",
    });
  });

  it("refuses a goal review of no goal of the match", async () => {
    await expect(
      room().send(review("GOAL", 10, "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d4f")),
    ).rejects.toMatchObject({
      status: 422,
      code: "unknown_goal",
    });
  });
});

describe("stats", () => {
  it("counts corners, fouls, offsides, saves and shots per side, goals as shots but own goals and cancelled ones not", async () => {
    const r = room();
    await r.send(
      ev.start("FIRST_HALF"),
      incident("CORNER_KICK", "HOME", 3),
      incident("CORNER_KICK", "HOME", 7, "FRA-griezmann"),
      incident("FOUL", "AWAY", 8, "CRO-mandzukic"),
      incident("OFFSIDE", "HOME", 9, "FRA-giroud"),
      incident("SAVE", "AWAY", 11),
      ev.goal("HOME", "CRO-mandzukic", 18, 0, "OWN_GOAL"),
    );
    const [goal] = await r.send(ev.goal("AWAY", "CRO-perisic", 28));
    expect(r.state.stats).toEqual({
      home: { corners: 2, fouls: 0, offsides: 1, saves: 0, shots: 0 },
      away: { corners: 0, fouls: 1, offsides: 0, saves: 1, shots: 1 },
    });
    await r.send(ev.cancel(goal!.event_id, 29));
    expect(r.state.stats.away.shots).toBe(0);
    expect(r.log[2]!.data).toMatchObject({ player: { name: "Antoine Griezmann" } });
    expect(r.log[1]!.data).toMatchObject({ player: null, team: { team_id: "FRA" } });
    expect(rebuild("wc2018-64-fra-cro", FINAL, r.log, "2026-11-21T14:00:00.000Z")).toEqual(r.state);
  });

  it("publishes a goal's assist with its type when the source gives one", async () => {
    const r = room();
    const goal = ev.goal("HOME", "FRA-mbappe", 65);
    const assist = { player_id: "FRA-griezmann", type: "CROSS" };
    await r.send(parse({ ...goal, data: { ...goal.data, assist } } as EventInputDraft));
    expect(r.log[0]!.data).toMatchObject({ assist: { player_id: "FRA-griezmann", type: "CROSS" } });
    expect(r.state.goals[0]!.assist).toMatchObject({ name: "Antoine Griezmann", type: "CROSS" });
  });
});

import { type EventInputDraft, idempotencyKeyMaterial } from "@buzz/schema/contract";
import { EventInputSchema } from "@buzz/schema/validate";
import { describe, expect, it } from "vitest";
import { loadWorldCup } from "../data/load.js";
import { buildTimeline, type Timeline } from "./index.js";

const matches = loadWorldCup();
const final = matches[63]!;

/** Counts a timeline the way the MatchRoom should: own goals to the side credited, the shoot-out apart. */
function count(t: Timeline) {
  const score = { sensor: [0, 0], operator: [0, 0], pens: [0, 0], kicks: 0 };
  for (const { kind, event } of t.items) {
    const i = (e: { data: { team: { side: string } } }) => (e.data.team.side === "HOME" ? 0 : 1);
    if (event.event_type === "GOAL_LINE_SIGNAL") score.sensor[i(event)]!++;
    if (event.event_type === "GOAL_SCORED" && kind === "operator") score.operator[i(event)]!++;
    if (event.event_type === "PENALTY_SHOOTOUT_KICK") {
      score.kicks++;
      if (event.data.scored) score.pens[i(event)]!++;
    }
  }
  return score;
}
const types = (t: Timeline, filter: (e: EventInputDraft) => boolean = () => true) =>
  t.items
    .filter((i) => filter(i.event))
    .map((i) => `${i.event.event_type}:${(i.event.data as { match_period?: string }).match_period ?? ""}`);

describe("buildTimeline", () => {
  it.each(matches.map((m) => [m.matchId, m] as const))("%s adds up to the data's score", (_id, m) => {
    const { ft, et, p } = m.raw.score;
    const c = count(buildTimeline(m));
    expect(c.sensor).toEqual(et ?? ft);
    expect(c.operator).toEqual(et ?? ft);
    expect(c.kicks > 0 ? c.pens : null).toEqual(p ?? null);
  });

  it("emits only events the contract accepts", () => {
    for (const m of matches)
      for (const { event } of buildTimeline(m).items)
        expect(EventInputSchema.safeParse(event).error, m.matchId).toBeUndefined();
  });

  it("orders goals by when they were scored, stoppage time at the end of its half", () => {
    const rusKsa = buildTimeline(matches[0]!); // listed 12, 43, 90+1, 71, 90+4
    const clocks = rusKsa.items
      .filter((i) => i.kind === "sensor")
      .map((i) => i.event.data as { match_minute: number; stoppage_minute: number });
    expect(clocks.map((c) => `${c.match_minute}+${c.stoppage_minute}`)).toEqual([
      "12+0",
      "43+0",
      "71+0",
      "90+1",
      "90+4",
    ]);

    const ksaEgy = buildTimeline(matches[5]!); // a penalty at 45+6 and a goal at 90+5
    const generated = ["CORNER_KICK", "FOUL", "OFFSIDE", "SAVE", "VAR_REVIEW_STARTED", "VAR_REVIEW_ENDED"];
    expect(types(ksaEgy, (e) => e.event_type !== "GOAL_SCORED" && !generated.includes(e.event_type))).toEqual(
      [
        "PERIOD_STARTED:FIRST_HALF",
        "GOAL_LINE_SIGNAL:FIRST_HALF",
        "GOAL_LINE_SIGNAL:FIRST_HALF",
        "PERIOD_ENDED:FIRST_HALF",
        "PERIOD_STARTED:SECOND_HALF",
        "GOAL_LINE_SIGNAL:SECOND_HALF",
        "PERIOD_ENDED:SECOND_HALF",
        "MATCH_ENDED:",
      ],
    );
    expect(
      ksaEgy.items.find((i) => i.event.event_type === "GOAL_SCORED" && i.event.data.stoppage_minute === 6)
        ?.event.data,
    ).toMatchObject({
      match_minute: 45,
      stoppage_minute: 6,
      match_period: "FIRST_HALF",
      goal_type: "PENALTY",
    });
    for (const m of matches)
      expect([...buildTimeline(m).items.map((i) => i.at)]).toEqual(
        buildTimeline(m)
          .items.map((i) => i.at)
          .sort((a, b) => a - b),
      );
  });

  it("reports each goal as the sensor's signal, the operator's event 3-8 s later and its resend, all at the goal's instant", () => {
    const t = buildTimeline(final, { startedAt: Date.parse("2030-01-01T00:00:00Z"), speed: 1 });
    const goals = t.items.filter((i) => ["sensor", "operator", "operator-resend"].includes(i.kind));
    expect(goals.map((i) => i.kind)).toEqual(Array(6).fill(["sensor", "operator", "operator-resend"]).flat());
    for (let g = 0; g < goals.length; g += 3) {
      const [sensor, operator, resend] = [goals[g]!, goals[g + 1]!, goals[g + 2]!];
      const instant = Date.parse(sensor.event.occurred_at);
      expect(sensor.at - (instant - Date.parse("2030-01-01T00:00:00Z")) / 1000).toBeCloseTo(0.5);
      expect(operator.at - sensor.at + 0.5).toBeGreaterThanOrEqual(3);
      expect(operator.at - sensor.at + 0.5).toBeLessThanOrEqual(8);
      expect(operator.event.occurred_at).toBe(sensor.event.occurred_at);
      expect(resend.event).toEqual(operator.event);
      expect(resend.at).toBeGreaterThan(operator.at);
      expect(sensor.event.source.system).toBe("HAWKEYE");
      expect(operator.event.source.system).toBe("OPTA");
    }
    const own = goals[1]!.event;
    expect(own.data).toMatchObject({
      team: { side: "HOME" },
      scorer: { player_id: "CRO-mandzukic" },
      goal_type: "OWN_GOAL",
    });
  });

  it("plays extra time and the shoot-out as periods, then ends the match", () => {
    const rusCro = buildTimeline(matches[59]!);
    expect(types(rusCro, (e) => e.event_type.startsWith("PERIOD") || e.event_type === "MATCH_ENDED")).toEqual(
      [
        "PERIOD_STARTED:FIRST_HALF",
        "PERIOD_ENDED:FIRST_HALF",
        "PERIOD_STARTED:SECOND_HALF",
        "PERIOD_ENDED:SECOND_HALF",
        "PERIOD_STARTED:EXTRA_TIME_FIRST_HALF",
        "PERIOD_ENDED:EXTRA_TIME_FIRST_HALF",
        "PERIOD_STARTED:EXTRA_TIME_SECOND_HALF",
        "PERIOD_ENDED:EXTRA_TIME_SECOND_HALF",
        "PERIOD_STARTED:PENALTY_SHOOTOUT",
        "PERIOD_ENDED:PENALTY_SHOOTOUT",
        "MATCH_ENDED:",
      ],
    );
    const kicks = rusCro.items.filter((i) => i.kind === "kick");
    const shootout = rusCro.periods.at(-1)!;
    for (const k of kicks) expect(k.at > shootout.startAt && k.at < shootout.endAt).toBe(true);
  });

  it("is reproducible for a seed and varies with it", () => {
    expect(buildTimeline(final, { seed: 7, startedAt: 0 })).toEqual(
      buildTimeline(final, { seed: 7, startedAt: 0 }),
    );
    expect(buildTimeline(final, { seed: 7, startedAt: 0 }).items.map((i) => i.at)).not.toEqual(
      buildTimeline(final, { seed: 8, startedAt: 0 }).items.map((i) => i.at),
    );
  });

  it("scales occurred_at with the replay speed from the start it is given", () => {
    const start = Date.parse("2030-01-01T00:00:00Z");
    const end = buildTimeline(final, { startedAt: start, speed: 32 }).items.at(-1)!;
    expect(Date.parse(end.event.occurred_at)).toBe(Math.trunc(start + (end.at * 1000) / 32));
    expect(end.at / 32).toBeGreaterThan(170); // the final takes about three minutes at the default speed
  });

  it("repeats a default idempotency key only for the operator's resends", () => {
    for (const m of matches) {
      const items = buildTimeline(m).items;
      const keys = items.map(
        (i) =>
          i.event.metadata?.idempotency_key ??
          idempotencyKeyMaterial(m.matchId, EventInputSchema.parse(i.event)),
      );
      const repeats = keys.filter((k, i) => keys.indexOf(k) !== i);
      expect(repeats).toHaveLength(items.filter((i) => i.kind === "operator-resend").length);
      items.forEach((it, i) => {
        expect(keys.indexOf(keys[i]!) !== i, `${m.matchId} #${i}`).toBe(it.kind === "operator-resend");
      });
    }
  });

  it("adds corners, fouls, offsides and saves for both sides inside the periods played, the same for a seed", () => {
    for (const m of [final, matches[59]!]) {
      const t = buildTimeline(m, { seed: "stats" });
      const incidents = t.items.filter((i) => i.kind === "incident");
      for (const type of ["CORNER_KICK", "FOUL", "OFFSIDE", "SAVE"])
        for (const side of ["HOME", "AWAY"])
          expect(
            incidents.some(
              (i) =>
                i.event.event_type === type &&
                (i.event.data as { team: { side: string } }).team.side === side,
            ),
            `${m.matchId} ${type} ${side}`,
          ).toBe(true);
      for (const i of incidents) {
        const plan = t.periods.find(
          (p) => p.period === (i.event.data as { match_period: string }).match_period,
        )!;
        expect(plan.period).not.toBe("PENALTY_SHOOTOUT");
        expect(i.at > plan.startAt && i.at < plan.endAt).toBe(true);
      }
      expect(buildTimeline(m, { seed: "stats" }).items).toEqual(t.items);
    }
  });

  it("scales the generated incidents, keeping one of each per side", () => {
    const count = (incidents: number) =>
      buildTimeline(final, { incidents }).items.filter((i) => i.kind === "incident").length;
    expect(count(0.25)).toBeLessThan(count(1) / 2);
    expect(count(0.01)).toBe(8);
    expect(count(0)).toBe(0);
  });

  it("keeps the goals' timing as it was without the generated events", () => {
    const t = buildTimeline(final, { startedAt: 0 });
    const sensors = t.items.filter((i) => i.kind === "sensor").map((i) => i.at);
    // The generated events draw from their own random streams.
    expect(sensors).toEqual(
      buildTimeline(final, { startedAt: 0, incidents: 0 })
        .items.filter((i) => i.kind === "sensor")
        .map((i) => i.at),
    );
    expect(t.items.filter((i) => i.kind === "incident").length).toBeGreaterThan(20);
  });

  it("checks some goals with the VAR, each review confirmed before the next starts and within its period", () => {
    let reviews = 0;
    for (const m of matches) {
      const t = buildTimeline(m);
      const vars = t.items.filter((i) => i.kind === "var");
      expect(vars.length % 2, m.matchId).toBe(0);
      for (let k = 0; k < vars.length; k += 2) {
        const [start, end] = [vars[k]!, vars[k + 1]!];
        expect(start.event).toMatchObject({ event_type: "VAR_REVIEW_STARTED", data: { reason: "GOAL" } });
        expect(end.event).toMatchObject({ event_type: "VAR_REVIEW_ENDED", data: { decision: "CONFIRMED" } });
        const period = (start.event.data as { match_period: string }).match_period;
        const plan = t.periods.find((p) => p.period === period)!;
        expect(start.at < end.at && end.at < plan.endAt, m.matchId).toBe(true);
        const sensorBefore = t.items.filter((i) => i.kind === "sensor" && i.at < start.at);
        expect(sensorBefore.length, m.matchId).toBeGreaterThan(0);
      }
      reviews += vars.length / 2;
    }
    expect(reviews).toBeGreaterThan(10);
  });
});

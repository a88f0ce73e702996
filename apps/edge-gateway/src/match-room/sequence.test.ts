import { rebuild } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/domain.js";
import { ev, FINAL } from "../testing/fixtures.js";
import { room } from "../testing/room.js";

describe("fusion of the goal-line sensor and the operator", () => {
  it("sequences the sensor as a provisional goal and the operator's report as its amendment", async () => {
    const r = room();
    await r.send(ev.start("FIRST_HALF"));
    const [sensor] = await r.send(ev.sensor("HOME", 38, 12));
    expect(sensor).toMatchObject({ status: "sequenced", sequence_number: 2 });
    expect(r.log[1]).toMatchObject({
      event_type: "GOAL_SCORED",
      data: { provisional: true, scorer: null, score_after: { home: 1, away: 0 } },
    });
    expect(r.state.home.score).toBe(1);

    const [operator] = await r.send(ev.goal("HOME", "FRA-griezmann", 38, 17, "PENALTY"));
    expect(operator).toMatchObject({ status: "amended", sequence_number: 3 });
    const amended = r.log[2]!;
    expect(amended).toMatchObject({
      event_type: "GOAL_AMENDED",
      metadata: { causation_id: sensor!.event_id, correlation_id: r.log[1]!.metadata.correlation_id },
      data: {
        provisional: false,
        goal_type: "PENALTY",
        scorer: { player_id: "FRA-griezmann", name: "Antoine Griezmann", jersey_number: 7 },
      },
    });
    expect(r.state.home.score).toBe(1);
    expect(r.state.goals).toHaveLength(1);
    expect(r.state.goals[0]).toMatchObject({
      provisional: false,
      amended_sequence: 3,
      scorer: { name: "Antoine Griezmann" },
    });
  });

  it("takes the operator first as the full goal and a later sensor signal as a duplicate of it", async () => {
    const r = room();
    const [goal] = await r.send(ev.goal("AWAY", "CRO-perisic", 28, 0));
    const [sensor] = await r.send(ev.sensor("AWAY", 28, 1));
    expect(sensor).toEqual({
      status: "duplicate",
      event_id: goal!.event_id,
      sequence_number: goal!.sequence_number,
    });
    expect(r.log).toHaveLength(1);
    expect(r.state.away.score).toBe(1);
  });

  it("counts an operator goal outside the window as a new goal", async () => {
    const r = room();
    await r.send(ev.sensor("HOME", 59, 0));
    const [later] = await r.send(ev.goal("HOME", "FRA-pogba", 59, 16));
    expect(later!.status).toBe("sequenced");
    expect(r.state.home.score).toBe(2);
  });

  it("keeps two goals apart when a compressed replay puts them seconds apart in wall-clock time", async () => {
    const r = room();
    const minute59 = ev.sensor("HOME", 59);
    const minute65 = {
      ...ev.sensor("HOME", 65),
      occurred_at: new Date(Date.parse(minute59.occurred_at) + 11_800).toISOString(),
    };
    const [a, b] = await r.send(minute59, minute65);
    expect([a!.status, b!.status]).toEqual(["sequenced", "sequenced"]);
    const operator65 = { ...ev.goal("HOME", "FRA-mbappe", 65), occurred_at: minute65.occurred_at };
    const [c] = await r.send(operator65);
    expect(c).toMatchObject({ status: "amended" });
    expect(r.log.at(-1)!.metadata.causation_id).toBe(b!.event_id);
    expect(r.state.home.score).toBe(2);
  });

  it("fuses reports whose clocks straddle a minute", async () => {
    const r = room();
    await r.send(ev.sensor("AWAY", 68, 58));
    const [operator] = await r.send(ev.goal("AWAY", "CRO-mandzukic", 69, 3));
    expect(operator!.status).toBe("amended");
    expect(r.state.away.score).toBe(1);
  });

  it("does not fuse goals of different sides", async () => {
    const r = room();
    await r.send(ev.sensor("HOME", 65, 0));
    await r.send(ev.goal("AWAY", "CRO-mandzukic", 65, 5));
    expect([r.state.home.score, r.state.away.score]).toEqual([1, 1]);
  });
});

describe("sequencing", () => {
  it("answers a repeated report with the original's event_id and sequence_number, in and across batches", async () => {
    const r = room();
    const [a, b] = await r.send(ev.card("HOME", "FRA-giroud", 20), ev.card("HOME", "FRA-giroud", 20));
    expect(b).toEqual({ ...a, status: "duplicate" });
    const [c] = await r.send(ev.card("HOME", "FRA-giroud", 20));
    expect(c).toEqual({ ...a, status: "duplicate" });
    expect(r.log.map((e) => e.sequence_number)).toEqual([1]);
  });

  it("numbers the log 1..N with no gaps and names players from the roster", async () => {
    const r = room();
    await r.send(
      ev.start("FIRST_HALF"),
      ev.goal("HOME", "FRA-griezmann", 38),
      ev.card("AWAY", "CRO-perisic", 40),
      ev.goal("AWAY", "CRO-perisic", 28),
    );
    expect(r.log.map((e) => e.sequence_number)).toEqual([1, 2, 3, 4]);
    expect(r.log[2]).toMatchObject({
      data: { player: { name: "Ivan Perišić" }, team: { team_id: "CRO", name: "Croatia" } },
    });
    expect(r.log.every((e) => /^[0-9a-f]{8}-[0-9a-f]{4}-7/.test(e.event_id))).toBe(true);
    expect(r.state.minute).toBe(40); // the late report about minute 28 does not wind the clock back
  });

  it("rejects a player not on the roster, naming the path, and takes nothing of the batch", async () => {
    const r = room();
    const err = await r
      .send(ev.start("FIRST_HALF"), ev.goal("HOME", "CRO-perisic", 10))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).info()).toMatchObject({
      status: 422,
      code: "unknown_player",
      issues: [{ path: ["data", "scorer", "player_id"] }],
    });
    expect(r.log).toHaveLength(0);
  });

  it("credits an own goal to the side named and takes the scorer from the other roster", async () => {
    const r = room();
    await r.send(ev.goal("HOME", "CRO-mandzukic", 18, 0, "OWN_GOAL"));
    expect(r.state.home.score).toBe(1);
    expect(r.log[0]).toMatchObject({
      data: { team: { side: "HOME" }, scorer: { player_id: "CRO-mandzukic" }, goal_type: "OWN_GOAL" },
    });
    await expect(r.send(ev.goal("HOME", "FRA-pogba", 70, 0, "OWN_GOAL"))).rejects.toBeInstanceOf(DomainError);
  });
});

describe("cancellation", () => {
  it("takes a cancelled goal off the score, and refuses an unknown or already cancelled goal", async () => {
    const r = room();
    const [goal] = await r.send(ev.goal("HOME", "FRA-mbappe", 65));
    const unknown = await r
      .send(ev.cancel("0190d4a2-7b3c-7d4e-8f5a-1b2c3d4e5f6a", 66))
      .catch((e: DomainError) => e.info());
    expect(unknown).toMatchObject({ status: 422, code: "unknown_goal" });
    const [cancel] = await r.send(ev.cancel(goal!.event_id, 66));
    expect(cancel!.sequence_number).toBe(2);
    expect(r.log[1]).toMatchObject({
      event_type: "GOAL_CANCELLED",
      metadata: { causation_id: goal!.event_id },
      data: { reason: "VAR", score_after: { home: 0, away: 0 } },
    });
    expect(r.state.home.score).toBe(0);
    const again = await r
      .send({
        ...ev.cancel(goal!.event_id, 67),
        metadata: { causation_id: goal!.event_id, idempotency_key: "other" },
      })
      .catch((e: DomainError) => e.info());
    expect(again).toMatchObject({ status: 409, code: "goal_already_cancelled" });
  });
});

describe("shoot-out and the end of the match", () => {
  it("keeps the shoot-out out of the score and refuses events after the final whistle", async () => {
    const r = room();
    await r.send(
      ev.goal("HOME", "FRA-griezmann", 30),
      ev.goal("AWAY", "CRO-perisic", 60),
      ev.start("PENALTY_SHOOTOUT", 120),
    );
    await r.send(ev.kick("HOME", 1, true), ev.kick("AWAY", 1, false), ev.kick("HOME", 2, true));
    expect(r.state.penalty_score).toEqual({ home: 2, away: 0 });
    expect([r.state.home.score, r.state.away.score]).toEqual([1, 1]);
    const [again] = await r.send(ev.kick("HOME", 2, false));
    expect(again!.status).toBe("duplicate");
    const contradicting = { ...ev.kick("HOME", 2, false), metadata: { idempotency_key: "referee-kick-h2" } };
    await expect(r.send(contradicting)).rejects.toMatchObject({ code: "kick_already_recorded" });
    await r.send(ev.end());
    expect(r.state.status).toBe("FINISHED");
    expect(r.log.at(-1)).toMatchObject({
      event_type: "MATCH_ENDED",
      data: { final_score: { home: 1, away: 1 }, penalty_score: { home: 2, away: 0 } },
    });
    await expect(r.send(ev.card("HOME", "FRA-giroud", 90))).rejects.toMatchObject({
      status: 409,
      code: "match_finished",
    });
  });
});

describe("projection", () => {
  it("is rebuilt from the log alone", async () => {
    const r = room();
    await r.send(
      ev.start("FIRST_HALF"),
      ev.sensor("HOME", 18),
      ev.goal("HOME", "CRO-mandzukic", 18, 4, "OWN_GOAL"),
    );
    const [g] = await r.send(ev.goal("AWAY", "CRO-perisic", 28));
    await r.send(ev.cancel(g!.event_id, 29), ev.card("AWAY", "CRO-mandzukic", 30), ev.end());
    expect(rebuild("wc2018-64-fra-cro", FINAL, r.log, "2026-11-21T14:00:00.000Z")).toEqual(r.state);
  });
});

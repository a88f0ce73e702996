import { describe, expect, it } from "vitest";
import { dueItems, nextDueAt, timelineOf, viewOf } from "./progress.js";
import type { SimRow } from "./store.js";

const KICKOFF = Date.parse("2026-11-21T15:00:00Z");

function row(over: Partial<SimRow> = {}): SimRow {
  return {
    seq: 1,
    id: "s",
    source_match: "wc2018-64-fra-cro",
    match_id: "m",
    speed: 60,
    seed: "2018",
    status: "running",
    sent: 0,
    total: 0,
    created_ms: KICKOFF - 50,
    started_ms: KICKOFF,
    stopped_ms: null,
    score_home: 0,
    score_away: 0,
    pen_home: null,
    pen_away: null,
    attempts: 0,
    retry_ms: null,
    error: null,
    ...over,
  };
}

describe("a replay's timeline and schedule", () => {
  const r = row();
  const t = timelineOf(r);
  /** Wall-clock ms of the n-th item at 60× (a played second is 1000/60 ms), rounded up. */
  const wall = (n: number) => Math.ceil(KICKOFF + (t.items[n]!.at * 1000) / 60);

  it("is rebuilt identically from the row, so a batch resent after a restart carries the same events", () => {
    expect(timelineOf({ ...r })).toEqual(t);
    expect(t.items[0]!.event).toMatchObject({
      event_type: "PERIOD_STARTED",
      occurred_at: new Date(KICKOFF).toISOString(),
    });
    expect(timelineOf({ ...r, seed: "other" }).items.map((i) => i.at)).not.toEqual(t.items.map((i) => i.at));
  });

  it("sends, in order, exactly the items whose scaled time has come, at most a batch", () => {
    expect(dueItems(r, t, KICKOFF, 100)).toEqual([t.items[0]]);
    expect(dueItems(r, t, wall(5), 100)).toEqual(t.items.slice(0, 6));
    expect(dueItems(row({ sent: 2 }), t, wall(5), 100)).toEqual(t.items.slice(2, 6));
    expect(dueItems(r, t, wall(5), 3)).toEqual(t.items.slice(0, 3));
    expect(dueItems(row({ started_ms: null }), t, wall(5), 100)).toEqual([]);
    expect(dueItems(row({ retry_ms: wall(5) + 1 }), t, wall(5), 100)).toEqual([]);
  });

  it("wakes for the next item, or a pending retry, and not at all once everything is sent or it stopped", () => {
    expect(nextDueAt(row({ sent: 3 }), t)).toBe(wall(3));
    // Whole milliseconds, so the alarm never fires before the item it is for.
    for (let sent = 0; sent < t.items.length; sent++)
      expect(Number.isInteger(nextDueAt(row({ sent, speed: 7 }), timelineOf(row({ speed: 7 }))))).toBe(true);
    expect(dueItems(row({ sent: 3 }), t, nextDueAt(row({ sent: 3 }), t)!, 100)[0]).toBe(t.items[3]);
    expect(nextDueAt(row({ sent: 3, retry_ms: wall(3) + 5000 }), t)).toBe(wall(3) + 5000);
    expect(nextDueAt(row({ sent: t.items.length }), t)).toBeNull();
    expect(nextDueAt(row({ status: "cancelled" }), t)).toBeNull();
    expect(nextDueAt(row({ started_ms: null }), t)).toBeNull();
  });
});

describe("the view of a replay", () => {
  const r = row({ total: 0 });
  const t = timelineOf(r);
  const total = t.items.length;
  const firstGoal = t.items.find((i) => i.kind === "sensor")!;
  const index = t.items.indexOf(firstGoal);

  it("runs the clock with the speed, but never past an event not sent yet", () => {
    const at20 = KICKOFF + (19 * 60 + 30) * (1000 / 60);
    const sentBy20 = t.items.filter((i) => i.at <= 19 * 60 + 30).length;
    expect(viewOf(row({ sent: sentBy20, total }), t, at20)).toMatchObject({
      clock: "20'",
      match_minute: 20,
      stoppage_minute: 0,
      played_seconds: 1170,
    });
    const stalled = viewOf(row({ sent: index, total }), t, at20);
    expect(stalled.played_seconds).toBe(Math.round(firstGoal.at));
    expect(stalled.match_minute).toBe(18);
  });

  it("shows full time once done, and freezes where a cancelled replay stopped", () => {
    const done = viewOf(row({ status: "done", sent: total, total, stopped_ms: KICKOFF + 1 }), t, KICKOFF + 2);
    expect(done).toMatchObject({
      clock: "FT",
      match_minute: 90,
      stoppage_minute: 4,
      played_seconds: t.durationSec,
      duration_seconds: t.durationSec,
    });
    const stoppedAt = KICKOFF + 30 * 60 * (1000 / 60);
    const cancelled = viewOf(
      row({ status: "cancelled", sent: index + 3, total, stopped_ms: stoppedAt }),
      t,
      stoppedAt + 3_600_000,
    );
    expect(cancelled).toMatchObject({ clock: "31'", finished_at: new Date(stoppedAt).toISOString() });
    expect(cancelled).not.toHaveProperty("error");
    expect(viewOf(row({ status: "failed", error: "unknown_player: x" }), t, KICKOFF)).toMatchObject({
      error: "unknown_player: x",
    });
  });
});

import { describe, expect, it } from "vitest";
import { PublishedEventSchema } from "../validate/index.js";
import { card, goal, halfTime, published, shot, substitution } from "./events.js";

describe("test event builders", () => {
  it("make valid published events per the contract, each with its own id", () => {
    const events = [
      goal(1, { home: 1, away: 0 }),
      shot(2, { x: 80, y: 40 }),
      shot(3, null),
      card(4),
      card(5, "RED"),
      substitution(6),
      halfTime(7),
      published(
        "MATCH_ENDED",
        8,
        { match_minute: 90, stoppage_minute: 3, final_score: { home: 1, away: 0 }, penalty_score: null },
        { ttl_seconds: 3600 },
      ),
    ];
    for (const event of events) expect(PublishedEventSchema.safeParse(event).error).toBeUndefined();
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
  });
});

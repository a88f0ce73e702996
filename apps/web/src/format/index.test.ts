import { describe, expect, it } from "vitest";
import { duration, matchClock, minute } from "./index.js";

describe("format", () => {
  it("writes durations in the unit a person reads best", () => {
    expect(duration(38.4)).toBe("38 ms");
    expect(duration(1240)).toBe("1.24 s");
    expect(duration(750_000)).toBe("12.5 min");
    expect(duration(-12)).toBe("−12 ms");
    expect(duration(3 * 86_400_000)).toBe("3 d");
  });

  it("writes the match clock", () => {
    expect(minute(45, 2)).toBe("45+2'");
    const base = {
      status: "LIVE" as const,
      period: "SECOND_HALF" as const,
      in_play: true,
      minute: 67,
      stoppage_minute: 0,
      kickoff_at: "2018-07-15T15:00:00Z",
    };
    expect(matchClock(base)).toBe("2nd half · 67'");
    expect(matchClock({ ...base, in_play: false })).toBe("2nd half · break");
    expect(matchClock({ ...base, status: "SCHEDULED" })).toBe("kick-off 2018-07-15 15:00 UTC");
    expect(matchClock({ ...base, status: "FINISHED" })).toBe("full time");
  });
});

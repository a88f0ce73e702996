import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./retry-after.js";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-06-01T12:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP-date in all three RFC 9110 forms, as seconds from now", () => {
    expect(parseRetryAfter("Mon, 01 Jun 2026 12:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Monday, 01-Jun-26 12:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter("Mon Jun  1 12:00:05 2026", now)).toBe(5);
    expect(parseRetryAfter("Mon, 01 Jun 2026 12:00:00 GMT", now + 400)).toBe(0);
    expect(parseRetryAfter("Mon, 01 Jun 2026 12:00:01 GMT", now + 400)).toBe(1); // rounded up, never early
  });

  it("is 0 for a date in the past and ignores what is neither", () => {
    expect(parseRetryAfter("Sun, 31 May 2026 12:00:00 GMT", now)).toBe(0);
    for (const bad of [null, "", "-5", "1.5", "soon", "2026-06-01", "12:00", "0x10"])
      expect(parseRetryAfter(bad, now), String(bad)).toBeUndefined();
  });
});

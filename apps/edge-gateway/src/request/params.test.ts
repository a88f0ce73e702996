import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/index.js";
import { intParam, matchIdOf } from "./params.js";

describe("intParam", () => {
  it("uses the fallback when absent and reads plain digits", () => {
    expect(intParam("after", undefined, 0)).toBe(0);
    expect(intParam("after", null, 5)).toBe(5);
    expect(intParam("after", "42", 0)).toBe(42);
    expect(intParam("limit", "1000", 100, 1, 1000)).toBe(1000);
  });

  it.each(["", "-1", "1.5", "1e3", " 7", "0x10", "99999999999999999"])("refuses %j", (raw) => {
    expect(() => intParam("after", raw, 0)).toThrow(DomainError);
  });

  it("refuses values out of range, naming the range", () => {
    expect(() => intParam("limit", "0", 100, 1, 1000)).toThrow("limit must be an integer from 1 to 1000");
    expect(() => intParam("limit", "1001", 100, 1, 1000)).toThrow(DomainError);
  });
});

describe("matchIdOf", () => {
  it("accepts URL-safe ids and refuses the rest with invalid_match_id", () => {
    expect(matchIdOf("wc2018-final")).toBe("wc2018-final");
    for (const bad of [undefined, "", "a b", "-x", "é"]) {
      try {
        matchIdOf(bad);
        expect.unreachable();
      } catch (err) {
        expect((err as DomainError).code).toBe("invalid_match_id");
        expect((err as DomainError).status).toBe(400);
      }
    }
  });
});

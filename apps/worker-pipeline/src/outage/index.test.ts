import { describe, expect, it } from "vitest";
import { outageHoldMs } from "./index.js";

const withHold = (value?: string) => ({ POSTGRES_OUTAGE_HOLD_SECONDS: value }) as unknown as Env;

describe("outageHoldMs", () => {
  it("reads POSTGRES_OUTAGE_HOLD_SECONDS, 30 s when unset or not a number of seconds ≥ 0", () => {
    expect([undefined, "0", "2.5", "120", "-1", "soon"].map((v) => outageHoldMs(withHold(v)))).toEqual([
      30_000, 0, 2_500, 120_000, 30_000, 30_000,
    ]);
  });
});

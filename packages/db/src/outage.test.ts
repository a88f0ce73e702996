import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { holdThroughOutage } from "./outage.js";

const unreachable = () =>
  new DrizzleQueryError("select 1", [], new Error("connect ECONNREFUSED 127.0.0.1:5432"));
/** What the Neon driver's Pool rejects with when its socket is cut: an event, not an Error, and no SQLSTATE. */
const socketCut = () => ({ type: "error", message: "socket hang up" }) as unknown as Error;
const shutdown = () =>
  new DrizzleQueryError(
    "select 1",
    [],
    Object.assign(new Error("terminating connection"), { code: "57P01" }),
  );
const refused = () =>
  new DrizzleQueryError("insert", [], Object.assign(new Error("duplicate key"), { code: "23505" }));

/** A clock that moves only when the code under test sleeps, and a record of what it did. */
function harness(failures: (() => Error)[], answers: boolean[]) {
  let clock = 0;
  const seen = { runs: 0, probes: 0, slept: [] as number[] };
  const work = async () => {
    seen.runs++;
    const fail = failures.shift();
    if (fail) throw fail();
    return "done";
  };
  const probe = async () => {
    seen.probes++;
    return answers.shift() ?? false;
  };
  const timing = {
    now: () => clock,
    sleep: async (ms: number) => {
      seen.slept.push(ms);
      clock += ms;
    },
  };
  return { work, probe, timing, seen };
}

describe("holdThroughOutage", () => {
  it("runs the work once and probes nothing when it succeeds", async () => {
    const { work, probe, timing, seen } = harness([], []);
    await expect(holdThroughOutage(work, probe, { holdMs: 30_000, ...timing })).resolves.toBe("done");
    expect(seen).toEqual({ runs: 1, probes: 0, slept: [] });
  });

  it("waits while Postgres is away and runs the work again the moment a probe gets an answer", async () => {
    const { work, probe, timing, seen } = harness([unreachable], [false, false, false, true]);
    await expect(
      holdThroughOutage(work, probe, { holdMs: 30_000, probeEveryMs: 250, ...timing }),
    ).resolves.toBe("done");
    expect(seen).toEqual({ runs: 2, probes: 4, slept: [250, 250, 250] });
  });

  it("holds again if Postgres goes away a second time, within the same budget, however the driver says so", async () => {
    const { work, probe, timing, seen } = harness([socketCut, shutdown], [false, true, false, true]);
    await expect(
      holdThroughOutage(work, probe, { holdMs: 2_000, probeEveryMs: 500, ...timing }),
    ).resolves.toBe("done");
    expect(seen).toEqual({ runs: 3, probes: 4, slept: [500, 500] });
  });

  it("lets the failure go once the hold is used up, never sleeping past it", async () => {
    const { work, probe, timing, seen } = harness([unreachable, unreachable], []);
    const failure = holdThroughOutage(work, probe, { holdMs: 1_600, probeEveryMs: 500, ...timing });
    await expect(failure).rejects.toThrow(/Failed query: select 1/);
    expect(seen).toEqual({ runs: 1, probes: 4, slept: [500, 500, 500] });
  });

  it("does not hold for a query Postgres refused, nor when Postgres answers, nor with no hold", async () => {
    const cases = [
      { failures: [refused], answers: [], holdMs: 30_000, probes: 0 },
      { failures: [unreachable], answers: [true], holdMs: 30_000, probes: 1 },
      { failures: [unreachable], answers: [true], holdMs: 0, probes: 0 },
    ];
    for (const c of cases) {
      const { work, probe, timing, seen } = harness(c.failures, c.answers);
      await expect(holdThroughOutage(work, probe, { holdMs: c.holdMs, ...timing })).rejects.toBeInstanceOf(
        DrizzleQueryError,
      );
      expect(seen).toEqual({ runs: 1, probes: c.probes, slept: [] });
    }
  });
});

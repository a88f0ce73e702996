import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { rerunOn, TRANSACTION_CONFLICTS } from "./rerun.js";

const failing = (code: string) =>
  new DrizzleQueryError("insert", [], Object.assign(new Error(`failed with ${code}`), { code }));

/** Work that fails with `codes` in turn, then answers "done". */
function work(codes: string[]) {
  const runs = { n: 0 };
  const fn = async () => {
    runs.n++;
    const code = codes.shift();
    if (code) throw failing(code);
    return "done";
  };
  return { fn, runs };
}

describe("rerunOn", () => {
  it("runs the work once when it succeeds", async () => {
    const { fn, runs } = work([]);
    await expect(rerunOn(TRANSACTION_CONFLICTS, fn)).resolves.toBe("done");
    expect(runs.n).toBe(1);
  });

  it("runs it again after a deadlock or a serialization failure, until it succeeds", async () => {
    const { fn, runs } = work(["40P01", "40001"]);
    await expect(rerunOn(TRANSACTION_CONFLICTS, fn)).resolves.toBe("done");
    expect(runs.n).toBe(3);
  });

  it("rethrows the last failure once the attempts are used up", async () => {
    const { fn, runs } = work(["40P01", "40P01", "40001", "40001"]);
    await expect(rerunOn(TRANSACTION_CONFLICTS, fn, 3)).rejects.toMatchObject({ cause: { code: "40001" } });
    expect(runs.n).toBe(3);
  });

  it("does not run it again for a failure outside the states given, or one without a SQLSTATE", async () => {
    const unique = work(["23505"]);
    await expect(rerunOn(TRANSACTION_CONFLICTS, unique.fn)).rejects.toMatchObject({
      cause: { code: "23505" },
    });
    expect(unique.runs.n).toBe(1);
    await expect(rerunOn(["23505"], work(["23505"]).fn)).resolves.toBe("done");
    let runs = 0;
    const broken = async () => {
      runs++;
      throw new Error("connect ECONNREFUSED");
    };
    await expect(rerunOn(TRANSACTION_CONFLICTS, broken)).rejects.toThrow("ECONNREFUSED");
    expect(runs).toBe(1);
  });
});

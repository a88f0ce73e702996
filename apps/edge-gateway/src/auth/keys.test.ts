import { describe, expect, it } from "vitest";
import { allowsMatch, allowsSystem, type SourceKey, sourceKeys } from "./keys.js";

const key = (matches: string[], systems: SourceKey["systems"] = ["*"]): SourceKey => ({
  id: "k",
  secret: "s",
  matches,
  systems,
});

describe("source key rules", () => {
  it("matches '*', exact ids and prefix patterns only", () => {
    expect(allowsMatch(key(["*"]), "anything")).toBe(true);
    expect(allowsMatch(key(["wc2018-final"]), "wc2018-final")).toBe(true);
    expect(allowsMatch(key(["wc2018-final"]), "wc2018-final2")).toBe(false);
    expect(allowsMatch(key(["wc2018-*"]), "wc2018-64")).toBe(true);
    expect(allowsMatch(key(["wc2018-*"]), "wc2022-1")).toBe(false);
    expect(allowsMatch(key([]), "wc2018-64")).toBe(false);
  });

  it("allows listed systems or '*'", () => {
    expect(allowsSystem(key(["*"], ["HAWKEYE"]), "HAWKEYE")).toBe(true);
    expect(allowsSystem(key(["*"], ["HAWKEYE"]), "OPTA")).toBe(false);
    expect(allowsSystem(key(["*"], ["*"]), "EPTS")).toBe(true);
  });

  it("parses SOURCE_KEYS and refuses a malformed one", () => {
    const keys = sourceKeys({
      SOURCE_KEYS: JSON.stringify([{ id: "a", secret: "b", systems: ["OPTA"], matches: ["*"] }]),
    } as Env);
    expect(keys.get("a")?.systems).toEqual(["OPTA"]);
    expect(() =>
      sourceKeys({ SOURCE_KEYS: JSON.stringify([{ id: "a", systems: ["NOPE"] }]) } as Env),
    ).toThrow(/SOURCE_KEYS/);
  });
});

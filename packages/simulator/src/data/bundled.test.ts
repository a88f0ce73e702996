import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { WORLDCUP_2018 } from "./bundled.js";
import { DEFAULT_WORLDCUP_PATH, loadWorldCup } from "./load.js";
import { parseWorldCup } from "./worldcup.js";

const SHARED = fileURLToPath(new URL("../../../../../shared/data/worldcup-2018.json", import.meta.url));

describe("the bundled 2018 data", () => {
  it("is the shared file, byte for byte, wherever ../shared is present", () => {
    const copy = readFileSync(DEFAULT_WORLDCUP_PATH);
    if (existsSync(SHARED)) expect(copy.equals(readFileSync(SHARED))).toBe(true);
    expect(copy.byteLength).toBeGreaterThan(0);
  });

  it("parses to the same matches as the Node loader reads from disk", () => {
    expect(WORLDCUP_2018).toHaveLength(64);
    expect(WORLDCUP_2018).toEqual(loadWorldCup());
    expect(WORLDCUP_2018[63]).toMatchObject({ matchId: "wc2018-64-fra-cro", raw: { score: { ft: [4, 2] } } });
    expect(Object.isFrozen(WORLDCUP_2018)).toBe(true);
  });

  it("parseWorldCup takes text or a parsed value and refuses other shapes", () => {
    const text = readFileSync(DEFAULT_WORLDCUP_PATH, "utf8");
    expect(parseWorldCup(text)).toEqual(parseWorldCup(JSON.parse(text)));
    expect(() => parseWorldCup({ games: [] }, "x.json")).toThrow('x.json: expected {"matches": [...]}');
    expect(() => parseWorldCup(null)).toThrow(/expected/);
    expect(() => parseWorldCup({ matches: [{ team1: "Atlantis", team2: "France" }] })).toThrow(/Atlantis/);
  });
});

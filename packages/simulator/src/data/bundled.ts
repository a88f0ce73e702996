import raw from "../../data/worldcup-2018.json" with { type: "json" };
import { parseWorldCup, type WorldCupMatch } from "./worldcup.js";

/** The 64 matches of 2018, bundled into whatever imports them (a Worker has no file system to read). */
export const WORLDCUP_2018: readonly WorldCupMatch[] = Object.freeze(
  parseWorldCup(raw, "data/worldcup-2018.json"),
);

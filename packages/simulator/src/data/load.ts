import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseWorldCup, type WorldCupMatch } from "./worldcup.js";

/** The copy bundled with this package (packages/simulator/data), identical to ../shared/data/worldcup-2018.json. */
export const DEFAULT_WORLDCUP_PATH = fileURLToPath(new URL("../../data/worldcup-2018.json", import.meta.url));

/** Node only: reads an openfootball file from disk (the CLI's `--data`); Workers use WORLDCUP_2018. */
export function loadWorldCup(path: string = DEFAULT_WORLDCUP_PATH): WorldCupMatch[] {
  return parseWorldCup(readFileSync(path, "utf8"), path);
}

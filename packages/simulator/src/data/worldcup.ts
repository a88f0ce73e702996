import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { teamCode } from "./teams.js";

/** One goal as openfootball lists it: under the team credited, so an own goal's scorer plays for the other side. */
export interface RawGoal {
  name: string;
  minute: number;
  /** Stoppage time: `{minute: 90, offset: 3}` is 90+3. */
  offset?: number;
  penalty?: boolean;
  owngoal?: boolean;
}

export interface RawMatch {
  round: string;
  date: string;
  /** Local kick-off with its offset, e.g. `"18:00 UTC+3"`. */
  time: string;
  team1: string;
  team2: string;
  /** `et` is the score after extra time (regular time included); `p` a shoot-out. */
  score: { ft: [number, number]; ht?: [number, number]; et?: [number, number]; p?: [number, number] };
  goals1?: RawGoal[];
  goals2?: RawGoal[];
  group?: string;
  ground: string;
}

export interface TeamRef {
  code: string;
  name: string;
}

export interface WorldCupMatch {
  /** 1-based position in the data file. */
  index: number;
  /** `wc2018-NN-aaa-bbb`, e.g. `wc2018-64-fra-cro`. */
  matchId: string;
  home: TeamRef;
  away: TeamRef;
  raw: RawMatch;
}

/** `../shared/data/worldcup-2018.json` beside the repository. */
export const DEFAULT_WORLDCUP_PATH = fileURLToPath(new URL("../../../../../shared/data/worldcup-2018.json", import.meta.url));

export function loadWorldCup(path: string = DEFAULT_WORLDCUP_PATH): WorldCupMatch[] {
  const file = JSON.parse(readFileSync(path, "utf8")) as { matches?: RawMatch[] };
  if (!Array.isArray(file.matches)) throw new Error(`${path}: expected {"matches": [...]}`);
  return file.matches.map((raw, i) => {
    const home = { code: teamCode(raw.team1), name: raw.team1 };
    const away = { code: teamCode(raw.team2), name: raw.team2 };
    const nn = String(i + 1).padStart(2, "0");
    return { index: i + 1, matchId: `wc2018-${nn}-${home.code.toLowerCase()}-${away.code.toLowerCase()}`, home, away, raw };
  });
}

/** Picks matches by number (`64`), `final`, home-away codes (`fra-cro`) or full id; ambiguity is an error. */
export function selectMatch(matches: WorldCupMatch[], selector: string): WorldCupMatch {
  const s = selector.trim().toLowerCase();
  const found = /^\d+$/.test(s)
    ? matches.filter((m) => m.index === Number(s))
    : s === "final"
      ? matches.filter((m) => m.raw.round === "Final")
      : matches.filter((m) => m.matchId === s || m.matchId.endsWith(`-${s}`));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new Error(`no match "${selector}" (try 1-${matches.length}, final, fra-cro or a match id)`);
  throw new Error(`"${selector}" matches ${found.map((m) => m.matchId).join(", ")}: use the number or the id`);
}

/** `"2018-07-15"` + `"18:00 UTC+3"` → `"2018-07-15T15:00:00Z"`. */
export function kickoffAt(date: string, time: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2}) UTC([+-]\d{1,2})$/.exec(time);
  if (!d || !t) throw new Error(`unreadable kick-off "${date} ${time}"`);
  const utc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]) - Number(t[3]), Number(t[2]));
  return new Date(utc).toISOString().replace(".000Z", "Z");
}

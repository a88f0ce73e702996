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

/**
 * The openfootball file (`{"matches": [...]}`, as text or already parsed) as matches with their ids.
 * Pure, so a Worker can use it: reading the file from disk is `loadWorldCup` (Node only).
 */
export function parseWorldCup(json: unknown, origin = "World Cup data"): WorldCupMatch[] {
  const file = (typeof json === "string" ? JSON.parse(json) : json) as { matches?: RawMatch[] } | null;
  if (!Array.isArray(file?.matches)) throw new Error(`${origin}: expected {"matches": [...]}`);
  return file.matches.map((raw, i) => {
    const home = { code: teamCode(raw.team1), name: raw.team1 };
    const away = { code: teamCode(raw.team2), name: raw.team2 };
    const nn = String(i + 1).padStart(2, "0");
    return {
      index: i + 1,
      matchId: `wc2018-${nn}-${home.code.toLowerCase()}-${away.code.toLowerCase()}`,
      home,
      away,
      raw,
    };
  });
}

/** Every match a selector names: by number (`64`), `final`, home-away codes (`fra-cro`) or full id. */
export function findMatches(matches: readonly WorldCupMatch[], selector: string): WorldCupMatch[] {
  const s = selector.trim().toLowerCase();
  if (/^\d+$/.test(s)) return matches.filter((m) => m.index === Number(s));
  if (s === "final") return matches.filter((m) => m.raw.round === "Final");
  return matches.filter((m) => m.matchId === s || m.matchId.endsWith(`-${s}`));
}

/** The one match a selector names (see findMatches); none or several is an error. */
export function selectMatch(matches: readonly WorldCupMatch[], selector: string): WorldCupMatch {
  const found = findMatches(matches, selector);
  if (found.length === 1) return found[0]!;
  if (found.length === 0)
    throw new Error(`no match "${selector}" (try 1-${matches.length}, final, fra-cro or a match id)`);
  throw new Error(
    `"${selector}" matches ${found.map((m) => m.matchId).join(", ")}: use the number or the id`,
  );
}

/** `"2018-07-15"` + `"18:00 UTC+3"` → `"2018-07-15T15:00:00Z"`. */
export function kickoffAt(date: string, time: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2}) UTC([+-]\d{1,2})$/.exec(time);
  if (!d || !t) throw new Error(`unreadable kick-off "${date} ${time}"`);
  const utc = Date.UTC(
    Number(d[1]),
    Number(d[2]) - 1,
    Number(d[3]),
    Number(t[1]) - Number(t[3]),
    Number(t[2]),
  );
  return new Date(utc).toISOString().replace(".000Z", "Z");
}

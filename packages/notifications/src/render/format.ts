import type { Score } from "@buzz/schema/contract";
import type { Phrases } from "../templates/index.js";

/** "38", or "90+3" with stoppage time. */
export const minuteOf = (minute: number, stoppage: number): string =>
  stoppage > 0 ? `${minute}+${stoppage}` : `${minute}`;

/** Always home-away, whichever side scored, as on every scoreboard. */
export const scoreOf = (p: Phrases, score: Score): string => `${score.home}${p.scoreSeparator}${score.away}`;

/** "Griezmann (France)", or just "France" when nobody is named. */
export const whoOf = (team: string, player: string | null): string => (player ? `${player} (${team})` : team);

/** Parts of a body, blanks dropped; the competition always closes it so a body is never empty. */
export const bodyOf = (parts: (string | null | false | undefined)[], competition: string): string =>
  [...parts, competition].filter((part): part is string => Boolean(part)).join(" · ");

/** The full name, when the headline shortened it: the body then says who exactly. */
export const fullNameIfShortened = (full: string, short: string): string | null =>
  full.trim() !== short ? full.trim() : null;

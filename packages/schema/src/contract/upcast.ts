import { EVENT_VERSION } from "./events.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Version 1 (the first stadium feeds) named the clock `minute` / `added_time` / `period` and the team as a
 * bare side string. Version 2 uses `match_minute` / `stoppage_minute` / `match_period` and `team: {side}`.
 */
function upcastDataV1(data: Json): Json {
  const { minute, added_time, period, team, ...rest } = data;
  const out: Json = { ...rest };
  if (minute !== undefined) out.match_minute = minute;
  if (added_time !== undefined) out.stoppage_minute = added_time;
  if (period !== undefined) out.match_period = period;
  if (team !== undefined) out.team = typeof team === "string" ? { side: team } : team;
  return out;
}

/** Bring an event of any known `event_version` (a source's input or an archived envelope) to the current shape. */
export function upcast(raw: unknown): unknown {
  if (!isObject(raw) || raw.event_version === undefined || raw.event_version === EVENT_VERSION) return raw;
  if (raw.event_version === 1) {
    return {
      ...raw,
      event_version: EVENT_VERSION,
      data: isObject(raw.data) ? upcastDataV1(raw.data) : raw.data,
    };
  }
  return raw; // unknown versions are left for validation to reject with a clear message
}

// What a client's request could change, read back so a refused request can be shown to have changed nothing:
// the rows clients own in Postgres (not the columns the pipeline keeps up to date on its own), and the rooms'
// and directory's state through the API.
import type pg from "pg";
import { getJson } from "../http.js";
import { ADMIN_TOKEN } from "../keys.js";

/** Table → the columns a request writes (counters and timestamps the pipeline updates are left out). */
const CLIENT_ROWS: Record<string, string> = {
  devices: "id, token_hash, locale",
  push_subscriptions: "device_id, endpoint, p256dh, auth",
  native_push_tokens: "device_id, provider, token, environment",
  follows: "*",
  device_preferences:
    "device_id, goals, var, cards, substitutions, match_status, shootout, quiet_from, quiet_to, time_zone",
  webhooks: "id, url, secret, event_types",
  competitions: "id, name",
  teams: "*",
  players: "*",
  matches: "id, competition_id, home_team_id, away_team_id, kickoff_at, venue",
};

export interface StateOptions {
  sql: pg.Client;
  /** Matches whose room state is compared (last sequence, fixture). */
  matchIds: () => string[];
  /** Ids left out of the directory's list: simulated matches fill themselves. */
  ignore: (matchId: string) => boolean;
  /** Dead letters that existed when the suite began (the pipeline may add others meanwhile). */
  deadLetters: string[];
}

async function rowsDigest({ sql, deadLetters }: StateOptions): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const [table, columns] of Object.entries(CLIENT_ROWS)) {
    const { rows } = await sql.query(
      `select md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as d from (select ${columns} from ${table}) r`,
    );
    digests[table] = rows[0].d;
  }
  const { rows } = await sql.query(
    "select coalesce(json_agg(json_build_array(id, state, redriven_at) order by id), '[]') as d from dead_letters where id = any($1::uuid[])",
    [deadLetters],
  );
  digests.dead_letters = JSON.stringify(rows[0].d);
  return digests;
}

async function apiState(opts: StateOptions) {
  const list = await getJson("/v1/matches");
  const rooms: Record<string, unknown> = {};
  for (const id of opts.matchIds()) {
    // Presence (watching) counts the suite's own stream requests coming and going: not state a request sets.
    const { watching: _, ...room } = (await getJson(`/v1/matches/${encodeURIComponent(id)}`)).body;
    rooms[id] = room;
  }
  const simulations = await getJson("/v1/ops/simulations", { Authorization: `Bearer ${ADMIN_TOKEN}` });
  return {
    directory: (list.body.matches as { match_id: string }[])
      .map((m) => m.match_id)
      .filter((id) => !opts.ignore(id))
      .sort(),
    rooms,
    simulations: (simulations.body.simulations as { simulation_id: string }[])
      .map((s) => s.simulation_id)
      .sort(),
  };
}

/** A comparable snapshot: equal snapshots before and after a request mean the request changed nothing. */
export async function snapshot(opts: StateOptions) {
  return { rows: await rowsDigest(opts), api: await apiState(opts) };
}

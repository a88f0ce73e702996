import { competitions, matches, openDb, players, sql, teams } from "@buzz/db";
import type { FixtureInput } from "@buzz/schema/contract";

const excluded = (column: string) => sql.raw(`excluded.${column}`);
const byId = <T extends { id: string }>(rows: T[]) =>
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Copies a fixture into Postgres (competition, teams, players, match), where routing joins on it to find the fans
 * of either team. The MatchRoom stays the source of truth; this mirror is idempotent, so a failed copy is mended by
 * PUTting the fixture again. Workers tests in workerd run without Postgres (no DATABASE_URL); deployments always set it.
 * Teams and players are written in id order: two fixtures of the same teams, home and away swapped, written at
 * once would otherwise each lock one team and wait for the other's, and PostgreSQL would fail one (a 503).
 */
export async function mirrorFixture(env: Env, matchId: string, f: FixtureInput): Promise<void> {
  if (!env.DATABASE_URL) return;
  const { db, close } = openDb(env, { maxConnections: 1 });
  const now = sql`now()`;
  try {
    await db.transaction(async (tx) => {
      await tx
        .insert(competitions)
        .values({ id: f.competition.id, name: f.competition.name })
        .onConflictDoUpdate({ target: competitions.id, set: { name: excluded("name"), updatedAt: now } });
      await tx
        .insert(teams)
        .values(byId([f.home, f.away].map((t) => ({ id: t.team_id, name: t.name }))))
        .onConflictDoUpdate({ target: teams.id, set: { name: excluded("name"), updatedAt: now } });
      const roster = byId(
        [f.home, f.away].flatMap((t) =>
          t.players.map((p) => ({
            id: p.player_id,
            teamId: t.team_id,
            name: p.name,
            jerseyNumber: p.jersey_number ?? null,
            position: p.position ?? null,
          })),
        ),
      );
      if (roster.length) {
        await tx
          .insert(players)
          .values(roster)
          .onConflictDoUpdate({
            target: players.id,
            set: {
              teamId: excluded("team_id"),
              name: excluded("name"),
              jerseyNumber: excluded("jersey_number"),
              position: excluded("position"),
              updatedAt: now,
            },
          });
      }
      await tx
        .insert(matches)
        .values({
          id: matchId,
          competitionId: f.competition.id,
          homeTeamId: f.home.team_id,
          awayTeamId: f.away.team_id,
          kickoffAt: new Date(f.kickoff_at),
          venue: f.venue ?? null,
        })
        .onConflictDoUpdate({
          target: matches.id,
          set: {
            competitionId: excluded("competition_id"),
            homeTeamId: excluded("home_team_id"),
            awayTeamId: excluded("away_team_id"),
            kickoffAt: excluded("kickoff_at"),
            venue: excluded("venue"),
            updatedAt: now,
          },
        });
    });
  } finally {
    await close();
  }
}

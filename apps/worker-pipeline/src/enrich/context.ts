import { type Db, eventArchive, sql } from "@buzz/db";
import type { Derived } from "@buzz/queue";
import type { PublishedEvent, Score } from "@buzz/schema/contract";
import type { MatchContext } from "./derive.js";

type ContextRow = {
  match_id: string;
  home_id: string | null;
  home_name: string | null;
  away_id: string | null;
  away_name: string | null;
  score: unknown;
};

/**
 * For each match of a batch, in one statement: its two teams from the fixture mirror (absent if the fixture
 * never reached Postgres), and the score before the batch's first event of that match — the last archived goal,
 * amendment or cancellation sequenced before it. Ordered by publication, so that after a wiped local run
 * (numbering restarted at 1) the newer run's goals win over the old run's.
 * Events are assumed to arrive in sequence order, as the outbox sends them; an event enriched before an
 * earlier goal (a redelivery overtaking it) is given the score without that goal.
 */
export async function loadContexts(
  db: Db,
  events: readonly PublishedEvent[],
): Promise<Map<string, MatchContext>> {
  const first = new Map<string, PublishedEvent>();
  for (const e of events) {
    const f = first.get(e.match_id);
    if (!f || e.sequence_number < f.sequence_number) first.set(e.match_id, e);
  }
  const batch = sql.join(
    [...first.values()].map(
      (e) => sql`(${e.match_id}, ${e.sequence_number}::int, ${e.published_at}::timestamptz)`,
    ),
    sql`, `,
  );
  const { rows } = await db.execute<ContextRow>(sql`
    select b.match_id, m.home_team_id as home_id, home.name as home_name, m.away_team_id as away_id, away.name as away_name,
      (select a.body -> 'data' -> 'score_after' from event_archive a
        where a.match_id = b.match_id and a.sequence_number < b.before_seq and a.published_at <= b.published_at
          and a.event_type in ('GOAL_SCORED', 'GOAL_AMENDED', 'GOAL_CANCELLED')
        order by a.published_at desc, a.sequence_number desc
        limit 1) as score
    from (values ${batch}) as b (match_id, before_seq, published_at)
    left join matches m on m.id = b.match_id
    left join teams home on home.id = m.home_team_id
    left join teams away on away.id = m.away_team_id`);
  return new Map(rows.map((r) => [r.match_id, contextOf(r)]));
}

function contextOf(r: ContextRow): MatchContext {
  const context: MatchContext = {
    score: isScore(r.score) ? { home: r.score.home, away: r.score.away } : { home: 0, away: 0 },
  };
  if (r.home_id && r.away_id) {
    context.teams = {
      home: { team_id: r.home_id, name: r.home_name ?? r.home_id },
      away: { team_id: r.away_id, name: r.away_name ?? r.away_id },
    };
  }
  return context;
}

const isScore = (v: unknown): v is Score =>
  typeof v === "object" &&
  v !== null &&
  Number.isInteger((v as Score).home) &&
  Number.isInteger((v as Score).away);

export interface Enriched {
  event: PublishedEvent;
  derived: Derived;
}

/**
 * Archives events with what was derived, in one statement. An event already archived is overwritten, not
 * skipped: a pipeline replay re-runs the log to rebuild derived data (after a model change, say). routed_at is
 * left alone: routing sets it.
 */
export async function archive(db: Db, items: readonly Enriched[], enrichedAt: Date): Promise<void> {
  await db
    .insert(eventArchive)
    .values(
      items.map(({ event, derived }) => ({
        eventId: event.event_id,
        matchId: event.match_id,
        sequenceNumber: event.sequence_number,
        eventType: event.event_type,
        occurredAt: new Date(event.occurred_at),
        receivedAt: new Date(event.received_at),
        publishedAt: new Date(event.published_at),
        enrichedAt,
        body: event,
        derived,
      })),
    )
    .onConflictDoUpdate({
      target: eventArchive.eventId,
      set: {
        body: sql`excluded.body`,
        derived: sql`excluded.derived`,
        enrichedAt: sql`excluded.enriched_at`,
      },
    });
}

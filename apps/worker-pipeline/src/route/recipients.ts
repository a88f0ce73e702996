import { type Db, type FollowKind, type SQL, sql } from "@buzz/db";
import type { Derived } from "@buzz/queue";
import type { PublishedEvent } from "@buzz/schema/contract";
import { preferenceSql } from "./preferences.js";

/** Notifications a device gets per match, critical events aside (they still count towards it). */
export const MAX_NOTIFICATIONS_PER_MATCH = 10;
/** processed_events.stage of an event whose notifications were all handed to the queue. */
export const ROUTED_STAGE = "route";

export interface Target {
  kind: FollowKind;
  id: string;
}

/**
 * A device to notify, and its language. Where the push goes (native token or Web Push subscription) is read by
 * dispatch when it sends, so a token or subscription replaced in between is the one used.
 */
export interface Recipient extends Record<string, unknown> {
  device_id: string;
  locale: string;
  /** A goal during the device's quiet hours: the push says `"silent": true`. */
  silent: boolean;
}

/**
 * Who may care about an event: followers of its match, its competition, EITHER team of the fixture — a goal
 * for France is news to Croatia's fans too, who want to know they are behind — and any player it names (scorer,
 * assist, booked or substituted player, penalty taker; an own goal's defender included). The teams come from the
 * fixture through enrichment (derived.teams) and from the event itself, so the acting team is reached even when
 * Postgres has no fixture.
 */
export function targetsOf(event: PublishedEvent, derived: Derived): Target[] {
  const targets: Target[] = [
    { kind: "match", id: event.match_id },
    { kind: "competition", id: event.competition.id },
  ];
  if (derived.teams)
    targets.push(
      { kind: "team", id: derived.teams.home.team_id },
      { kind: "team", id: derived.teams.away.team_id },
    );
  const d = event.data as Record<string, unknown>;
  const team = d.team as { team_id?: string } | undefined;
  if (team?.team_id) targets.push({ kind: "team", id: team.team_id });
  for (const role of ["scorer", "assist", "player", "player_in", "player_out"]) {
    const player = d[role] as { player_id?: string } | null | undefined;
    if (player?.player_id) targets.push({ kind: "player", id: player.player_id });
  }
  const seen = new Set<string>();
  return targets.filter((t) => !seen.has(`${t.kind}:${t.id}`) && seen.add(`${t.kind}:${t.id}`));
}

export interface RouteOptions {
  /** The event goes through the per-match cap (bypassesMatchCap): it is sent, and counted, even past 10. */
  bypassCap: boolean;
  /**
   * A redelivery: also hand back the devices an earlier attempt logged for this event whose push is still
   * `queued` — that attempt may have died between its commit and its sends. Dispatch skips what it already sent.
   */
  resend: boolean;
  routedAt: Date;
}

/**
 * Routes an event: in one transaction, the match's routing lock, then the one statement (routingStatement).
 * The lock makes routings of a match run one after the other, across consumers: each statement then starts from
 * everything the previous one committed, so quotas and the log are written with plain UPDATEs and INSERTs —
 * no ON CONFLICT, whose speculative insertion made each row dearer — and two events cannot both take a device's
 * 10th place, nor two deliveries of one event both log a device. They already waited for each other: both bump
 * the same quota rows, each under a row lock until commit.
 */
export async function routeRecipients(
  db: Db,
  event: PublishedEvent,
  targets: Target[],
  options: RouteOptions,
): Promise<Recipient[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`route:${event.match_id}`}, 0))`);
    return (await tx.execute<Recipient>(routingStatement(event, targets, options))).rows;
  });
}

/**
 * The statement that routes an event, for a caller holding its match's routing lock. In order, as CTEs:
 * - done: the event was routed to the end before (a replay, or a retry after the sends) → nobody;
 * - followers: devices following any target, each once, with their locale — from the follows index alone
 *   (follows carry the locale) — whose preferences let the event through (preferences.ts: its category on, and
 *   quiet hours, evaluated at the event's time in the device's time zone, hold everything but goals, which go
 *   silent). device_preferences only has rows for devices that chose;
 * - recipients: those with a push subscription or a native push token (probed once per device, after the
 *   dedup), not yet logged for the event, and below the cap of 10 for the match (or any, for critical events),
 *   with their match_quotas count — null when they have no row yet;
 * - bumped: the quota rows of those that have one, +1. match_quotas keeps half of each page free
 *   (drizzle/0005) so the update stays on the row's page instead of adding an index entry;
 * - fresh: a quota row of 1 for the others;
 * - logged: the notification_log rows of the devices bumped or fresh (a quota row deleted with its device in the
 *   meantime is neither), in device_id order so the btree insertions walk the index in order;
 * - pending: on a redelivery, the devices already logged whose push may not have been queued (see resend);
 * - routed: event_archive.routed_at, for the per-stage latency figures;
 * then each device to notify with its locale, straight from the CTEs: the rows bumped, and the recipients that
 * were fresh (a plain INSERT inserts them all or fails), without joining the log back.
 * Nothing is looked up per device in the 1 000 000-row devices or push_subscriptions heaps but the existence
 * probe (an index-only scan), and the log and quotas carry no foreign key to check (bench/src/segment.ts prints
 * where the time goes).
 */
export function routingStatement(event: PublishedEvent, targets: Target[], options: RouteOptions): SQL {
  const eventId = sql`${event.event_id}::uuid`;
  const values = sql.join(
    targets.map((t) => sql`(${t.kind}::follow_kind, ${t.id}::text)`),
    sql`, `,
  );
  const { allowed, silent } = preferenceSql(event);
  return sql`
    with targets (kind, target_id) as (values ${values}),
    done as (select 1 from processed_events where stage = ${ROUTED_STAGE} and event_id = ${eventId}),
    followers as (
      select distinct on (f.device_id) f.device_id, f.locale, ${silent} as silent
      from follows f
      join targets t on t.kind = f.kind and t.target_id = f.target_id
      left join device_preferences on device_preferences.device_id = f.device_id
      where not exists (select 1 from done) and ${allowed}
      order by f.device_id
    ),
    recipients as (
      select r.device_id, r.locale, r.silent, q.count from followers r
      left join match_quotas q on q.device_id = r.device_id and q.match_id = ${event.match_id}
      where (${options.bypassCap}::boolean or q.count is null or q.count < ${MAX_NOTIFICATIONS_PER_MATCH}::int)
        and (exists (select 1 from push_subscriptions s where s.device_id = r.device_id)
          or exists (select 1 from native_push_tokens n where n.device_id = r.device_id))
        and not exists (select 1 from notification_log l where l.event_id = ${eventId} and l.device_id = r.device_id)
    ),
    bumped as (
      update match_quotas q set count = q.count + 1 from recipients r
      where r.count is not null and q.device_id = r.device_id and q.match_id = ${event.match_id}
      returning r.device_id, r.locale, r.silent
    ),
    fresh as (
      insert into match_quotas (device_id, match_id, count)
      select device_id, ${event.match_id}, 1 from recipients where count is null
      returning device_id
    ),
    logged as (
      insert into notification_log (event_id, device_id, match_id)
      select ${eventId}, device_id, ${event.match_id} from (select device_id from bumped union all select device_id from fresh) granted
      order by device_id
    ),
    pending as (
      select l.device_id from notification_log l
      where ${options.resend}::boolean and l.event_id = ${eventId} and l.status = 'queued' and not exists (select 1 from done)
    ),
    routed as (
      update event_archive set routed_at = ${options.routedAt.toISOString()}::timestamptz where event_id = ${eventId}
    )
    select device_id, locale, silent from bumped
    union all
    select device_id, locale, silent from recipients where count is null
    union all
    select p.device_id, d.locale, ${silent} as silent from pending p join devices d on d.id = p.device_id
      left join device_preferences on device_preferences.device_id = p.device_id`;
}

/** Records that every notification of these events is on the queue: a replay or a later retry sends none again. */
export async function markRouted(db: Db, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return;
  const values = sql.join(
    eventIds.map((id) => sql`(${ROUTED_STAGE}, ${id}::uuid)`),
    sql`, `,
  );
  await db.execute(
    sql`insert into processed_events (stage, event_id) values ${values} on conflict do nothing`,
  );
}

/** routed_at for events nobody is notified of (they still went through routing, to webhooks). */
export async function setRoutedAt(db: Db, eventIds: readonly string[], routedAt: Date): Promise<void> {
  if (eventIds.length === 0) return;
  const ids = sql.join(
    eventIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await db.execute(
    sql`update event_archive set routed_at = ${routedAt.toISOString()}::timestamptz where event_id in (${ids})`,
  );
}

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
 * The one statement that routes an event. In order, as CTEs:
 * - done: the event was routed to the end before (a replay, or a retry after the sends) → nobody;
 * - recipients: devices following any target, each once, with a push subscription or a native push token, not
 *   yet logged for the event, with their locale — from the follows index alone (follows carry the locale) — and
 *   whose preferences let the event through (preferences.ts: its category on, and quiet hours, evaluated at the
 *   event's time in the device's time zone, hold everything but goals, which go silent). device_preferences only
 *   has rows for devices that chose, so that left join is a probe of a small index per follower;
 * - granted: the quota check and its bump in one step — an upsert of match_quotas that only increments below the
 *   cap (or always, for critical events). ON CONFLICT DO UPDATE re-checks its WHERE on the latest row version
 *   under a row lock, so two events routed at once for the same device cannot both take its 10th place;
 * - logged: INSERT INTO notification_log … ON CONFLICT (event_id, device_id) DO NOTHING RETURNING, the "one per
 *   event per device" guarantee across redeliveries and concurrent consumers;
 * - pending: on a redelivery, the devices already logged whose push may not have been queued (see resend);
 * - routed: event_archive.routed_at, for the per-stage latency figures;
 * then each device to notify with its locale. Nothing is looked up per device in the 1 000 000-row devices or
 * push_subscriptions heaps but the existence probe of the recipients step (an index-only scan), and the log and
 * quotas carry no foreign key to check: for 100 000 recipients those lookups were two thirds of the statement
 * (bench/src/segment.ts prints where its time goes).
 * Both inserts go in device_id order: their btree insertions then walk each index in order instead of jumping
 * around it.
 * If two consumers route the same event at once, the loser has bumped a quota it did not use: an over-count,
 * never an extra push.
 */
export async function routeRecipients(
  db: Db,
  event: PublishedEvent,
  targets: Target[],
  options: RouteOptions,
): Promise<Recipient[]> {
  return (await db.execute<Recipient>(routingStatement(event, targets, options))).rows;
}

/** The statement itself (bench/src/segment.ts explains it). */
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
    recipients as (
      select distinct on (f.device_id) f.device_id, f.locale, ${silent} as silent
      from follows f
      join targets t on t.kind = f.kind and t.target_id = f.target_id
      left join device_preferences on device_preferences.device_id = f.device_id
      where not exists (select 1 from done)
        and ${allowed}
        and (exists (select 1 from push_subscriptions s where s.device_id = f.device_id)
          or exists (select 1 from native_push_tokens n where n.device_id = f.device_id))
        and not exists (select 1 from notification_log l where l.event_id = ${eventId} and l.device_id = f.device_id)
      order by f.device_id
    ),
    granted as (
      insert into match_quotas as q (device_id, match_id, count)
      select device_id, ${event.match_id}, 1 from recipients
      on conflict (device_id, match_id) do update set count = q.count + 1
        where ${options.bypassCap}::boolean or q.count < ${MAX_NOTIFICATIONS_PER_MATCH}::int
      returning q.device_id
    ),
    logged as (
      insert into notification_log (event_id, device_id, match_id)
      select ${eventId}, device_id, ${event.match_id} from granted order by device_id
      on conflict (event_id, device_id) do nothing
      returning device_id
    ),
    pending as (
      select l.device_id from notification_log l
      where ${options.resend}::boolean and l.event_id = ${eventId} and l.status = 'queued' and not exists (select 1 from done)
    ),
    routed as (
      update event_archive set routed_at = ${options.routedAt.toISOString()}::timestamptz where event_id = ${eventId}
    )
    select r.device_id, r.locale, r.silent from logged x join recipients r on r.device_id = x.device_id
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

/** routed_at for an event nobody is notified of (it still went through routing, to webhooks). */
export async function setRoutedAt(db: Db, eventId: string, routedAt: Date): Promise<void> {
  await db.execute(
    sql`update event_archive set routed_at = ${routedAt.toISOString()}::timestamptz where event_id = ${eventId}::uuid`,
  );
}

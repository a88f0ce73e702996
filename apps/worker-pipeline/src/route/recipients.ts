import { type Db, type FollowKind, runInOneTrip, type SQL, sql } from "@buzz/db";
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
 * How many parts an event's routing is split into by default, each its own transaction on its own connection
 * (a Worker may hold 6). More parts route a big audience sooner and cost every small one a connection and a
 * transaction each. On this 2-core machine, bench:segment (100 000 recipients, medians of 3, same run): 1 part
 * 814 ms, 2 parts 520, 4 parts 636 (another run: 3 parts 568 against 2 parts 509); bench:knockout (16 matches,
 * two fans each), alternately: 1 part goal → first push p50 28 / 32 ms, p99 150 / 165; 2 parts p50 34 / 38, p99
 * 121 / 197 (4 parts, in an earlier session, took the goal → routed hop from 236 to 827 ms p50).
 * Every consumer of a deployment must use the same number: the parts' locks only exclude each other between
 * routings that cut the devices the same way. While a deploy that changes it rolls out, a routing by the old
 * Workers and one by the new may overlap: the log's key still refuses a second row for an event and device (that
 * routing fails and is retried), but a device may get one notification past the cap.
 */
export const ROUTING_PARTITIONS = 2;

/**
 * What the routing statement returns: the devices sharing a locale and a silent flag, their ids joined by commas.
 * A row a device cost the driver more than any probe of the statement: 86 667 recipients in one part, over the
 * Neon driver and the dev proxy, took 844 ms a routing as rows and 683 as groups (medians of 5, bench:segment's
 * data).
 */
interface RecipientGroup extends Record<string, unknown> {
  locale: string;
  silent: boolean;
  devices: string;
}

function unpack(groups: readonly RecipientGroup[]): Recipient[] {
  return groups.flatMap(({ locale, silent, devices }) =>
    devices.split(",").map((device_id) => ({ device_id, locale, silent })),
  );
}

/** Part `index` of `of`: the devices whose id falls in the index-th of `of` equal ranges of the uuid space. */
export interface Partition {
  index: number;
  of: number;
}

/** One event to route: who may care (targetsOf) and how. */
export interface EventRouting {
  event: PublishedEvent;
  targets: Target[];
  options: RouteOptions;
}

/**
 * Routes events in `partitions` parts run at once, each a transaction that takes its part's routing lock of every
 * match of the events, then runs the one statement (routingStatement) per event, in the order given, for the
 * devices of its part. The events' recipients, in that order. The lock makes routings of a match run one after the
 * other, part by part, across consumers: each statement then starts from everything the previous one committed
 * for those devices, so the log is written with plain INSERTs — no ON CONFLICT, whose
 * speculative insertion made each row dearer — and two events cannot both take a device's 10th place, nor two
 * deliveries of one event both log a device. The events of a queue batch share their part's transaction, and the
 * part goes to Postgres in one round trip (runInOneTrip: the lock statement then one statement per event), not one
 * for BEGIN, the lock, each event and COMMIT — each round trip crosses the Neon proxy, and locally waits for the
 * isolate the dispatch consumer shares (bench:drain, same day, rounds: 388–561 events/s with a round trip a
 * statement, 495–633 with one a part). A device always falls in the same part,
 * and the parts' log rows are disjoint, so the parts need nothing from each other. Cutting by ranges of
 * device_id lets each part read only its range of the follows index, and the parts insert into different leaves
 * of the log's indexes.
 * A part that fails after another committed leaves the events half-logged: the caller's retry is a redelivery
 * (resend), which hands back the committed parts' devices still `queued` and routes the other parts afresh.
 * Each part needs its own connection: `db` should allow `partitions` of them.
 */
export async function routeEvents(
  db: Db,
  routings: readonly EventRouting[],
  partitions = ROUTING_PARTITIONS,
): Promise<Recipient[][]> {
  if (routings.length === 0) return [];
  const matches = [...new Set(routings.map((r) => r.event.match_id))];
  const parts = await Promise.allSettled(
    Array.from({ length: partitions }, async (_, index) => {
      const partition = { index, of: partitions };
      const [, ...routed] = await runInOneTrip(db, [
        routingLock(matches, partition),
        ...routings.map(({ event, targets, options }) =>
          routingStatement(event, targets, options, partition),
        ),
      ]);
      return routed.map((groups) => unpack(groups as RecipientGroup[]));
    }),
  );
  // Every part settled before anything is thrown: the caller retries with no part still running.
  const failed = parts.find((p) => p.status === "rejected");
  if (failed) throw failed.reason;
  return routings.map((_, i) => parts.flatMap((p) => (p.status === "fulfilled" ? p.value[i]! : [])));
}

/** routeEvents for one event. */
export async function routeRecipients(
  db: Db,
  event: PublishedEvent,
  targets: Target[],
  options: RouteOptions,
  partitions = ROUTING_PARTITIONS,
): Promise<Recipient[]> {
  return (await routeEvents(db, [{ event, targets, options }], partitions))[0]!;
}

/**
 * A part's first statement: its routing lock of each match, taken in the order of their keys (two transactions
 * locking some of the same matches cannot each hold one the other waits for), and for the rest of the transaction
 * the settings its statements were measured with — no JIT (compiling the statement took a tenth of its time) and
 * room for its sorts and CTEs of up to 100 000 rows in memory instead of temporary files.
 */
export function routingLock(matchIds: readonly string[], partition: Partition): SQL {
  const keys = sql.join(
    matchIds.map((id) => sql`(${`route:${id}:${partition.index}/${partition.of}`})`),
    sql`, `,
  );
  return sql`select set_config('jit', 'off', true), set_config('work_mem', '32MB', true),
    (select count(*) from (select pg_advisory_xact_lock(k) from (
      select hashtextextended(key, 0) as k from (values ${keys}) keys (key) order by k) ordered) locked)`;
}

/** The lowest device id of part `index` of `of` (the uuid whose first 32 bits are index / of of 2^32). */
function firstDeviceOf(index: number, of: number): string {
  const high = Math.floor((index * 2 ** 32) / of);
  return `${high.toString(16).padStart(8, "0")}-0000-0000-0000-000000000000`;
}

/** The condition "`column` is in the partition's range"; true for a partition of 1. */
function inPartition(column: SQL, { index, of }: Partition): SQL {
  const from = index > 0 ? sql` and ${column} >= ${firstDeviceOf(index, of)}::uuid` : sql``;
  const to = index < of - 1 ? sql` and ${column} < ${firstDeviceOf(index + 1, of)}::uuid` : sql``;
  return sql`true${from}${to}`;
}

/**
 * The statement that routes an event to the devices of one part (the whole, by default), for a caller holding
 * that part's routing lock (routingLock). In order, as CTEs:
 * - done: the event was routed to the end before (a replay, or a retry after the sends) → nobody;
 * - followers: devices of the part that can be pushed following any target, each once, with their locale — from
 *   the follows index alone (it holds only the follows whose `reachable` says the device has a push subscription
 *   or a native push token, kept by triggers; follows carry the locale; the part is a range of its device_id) —
 *   whose preferences let the event through (preferences.ts: its category on, and quiet hours, evaluated at the
 *   event's time in the device's time zone, hold everything but goals, which go silent). device_preferences only
 *   has rows for devices that chose;
 * - recipients: those not yet logged for the event, and below the cap of 10 for the match (or any, for critical
 *   events). The cap is counted from the device's log rows of the match (their index on device_id, match_id; at
 *   most 10 read): the log has the row of every notification routed, so a separate quota table only doubled the
 *   writes — for a goal, 100 000 quota rows written beside the 100 000 log rows. The lock makes the count exact:
 *   no other routing of the match's part logs in between;
 * - logged: their notification_log rows, in device_id order so the btree insertions walk the index in order;
 * - pending: on a redelivery, the part's devices already logged whose push may not have been queued (see
 *   resend);
 * - routed: event_archive.routed_at, for the per-stage latency figures, set by part 0 alone (the parts would
 *   otherwise queue on the row's lock);
 * then the devices to notify, straight from recipients (a plain INSERT logs them all or fails) without joining the
 * log back, as one comma-separated list per locale and silent flag (RecipientGroup; unpack expands them).
 * Nothing is looked up per device in the 1 000 000-row devices or push tables (reachable replaced a probe of
 * both, a fifth of the statement), and the log carries no foreign key to check (bench/src/segment.ts prints
 * where the time goes).
 */
export function routingStatement(
  event: PublishedEvent,
  targets: Target[],
  options: RouteOptions,
  partition: Partition = { index: 0, of: 1 },
): SQL {
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
      where f.reachable and not exists (select 1 from done) and ${inPartition(sql`f.device_id`, partition)}
        and ${allowed}
      order by f.device_id
    ),
    recipients as (
      select r.device_id, r.locale, r.silent from followers r
      where (${options.bypassCap}::boolean or (select count(*) from (
          select from notification_log c where c.device_id = r.device_id and c.match_id = ${event.match_id}
          limit ${MAX_NOTIFICATIONS_PER_MATCH}::int) counted) < ${MAX_NOTIFICATIONS_PER_MATCH}::int)
        and not exists (select 1 from notification_log l where l.event_id = ${eventId} and l.device_id = r.device_id)
    ),
    logged as (
      insert into notification_log (event_id, device_id, match_id)
      select ${eventId}, device_id, ${event.match_id} from recipients order by device_id
    ),
    pending as (
      select l.device_id from notification_log l
      where ${options.resend}::boolean and l.event_id = ${eventId} and l.status = 'queued' and not exists (select 1 from done)
        and ${inPartition(sql`l.device_id`, partition)}
    ),
    routed as (
      update event_archive set routed_at = ${options.routedAt.toISOString()}::timestamptz
      where ${partition.index === 0}::boolean and event_id = ${eventId}
    )
    select locale, silent, string_agg(device_id::text, ',') as devices from (
      select device_id, locale, silent from recipients
      union all
      select p.device_id, d.locale, ${silent} as silent from pending p join devices d on d.id = p.device_id
        left join device_preferences on device_preferences.device_id = p.device_id
    ) notified group by locale, silent`;
}

/** Records that every notification of these events is on the queue: a replay or a later retry sends none again. */
export function markRoutedSql(eventIds: readonly string[]): SQL | null {
  if (eventIds.length === 0) return null;
  const values = sql.join(
    eventIds.map((id) => sql`(${ROUTED_STAGE}, ${id}::uuid)`),
    sql`, `,
  );
  return sql`insert into processed_events (stage, event_id) values ${values} on conflict do nothing`;
}

/** routed_at for events nobody is notified of (they still went through routing, to webhooks). */
export function routedAtSql(eventIds: readonly string[], routedAt: Date): SQL | null {
  if (eventIds.length === 0) return null;
  const ids = sql.join(
    eventIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return sql`update event_archive set routed_at = ${routedAt.toISOString()}::timestamptz where event_id in (${ids})`;
}

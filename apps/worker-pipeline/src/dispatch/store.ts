// Dispatch's SQL: one read before a batch is sent and one write after (with the claim between, claim.ts), whatever
// the batch size. Rows travel as one JSON parameter (jsonb_to_recordset), so no statement grows with the batch.
import { type Db, type NotificationStatus, sql } from "@buzz/db";
import type { ChannelUpdate, LogKey, LogUpdate } from "@buzz/queue";
import type { Channel, NativeTarget } from "./channel.js";
import { type Place, placeAmong, type Relative } from "./order.js";

export interface TargetKey extends LogKey {
  match_id: string;
  /** The payload's tag and the event's sequence number: where this push stands among the device's others. */
  tag: string;
  sequence_number: number;
}

export interface Target {
  /** The notification_log row's status; null when there is none (the device was deleted since routing). */
  status: NotificationStatus | null;
  /**
   * Where the device's push goes now (it may have been replaced or pruned since routing): its native token when it
   * has one, else its Web Push subscription; null when it has neither.
   */
  channel: Channel | null;
  place: Place;
}

export const keyOf = (k: LogKey) => `${k.event_id}/${k.device_id}`;

type TargetRow = {
  event_id: string;
  device_id: string;
  status: NotificationStatus | null;
  endpoint: string | null;
  p256dh: string;
  auth: string;
  provider: NativeTarget["provider"] | null;
  native_token: string;
  environment: NativeTarget["environment"] | null;
  relatives: Relative[];
};

/**
 * One statement: each key's log row, the device's subscription, and the device's other notifications of the
 * match that are delivered or still open (with what their tag is made of), for placeAmong.
 */
export async function loadTargets(db: Db, keys: TargetKey[]): Promise<Map<string, Target>> {
  const targets = new Map<string, Target>();
  if (keys.length === 0) return targets;
  const { rows } = await db.execute<TargetRow>(sql`
    select k.event_id, k.device_id, l.status, s.endpoint, s.p256dh, s.auth, n.provider, n.token as native_token, n.environment,
      (select coalesce(jsonb_agg(jsonb_build_object(
                'event_id', r.event_id, 'match_id', r.match_id, 'status', r.status, 'sequence_number', a.sequence_number,
                'event_type', a.event_type, 'causation_id', a.body -> 'metadata' ->> 'causation_id')), '[]'::jsonb)
         from notification_log r join event_archive a on a.event_id = r.event_id
         where r.device_id = k.device_id and r.match_id = k.match_id and r.event_id <> k.event_id
           and r.status in ('queued', 'retrying', 'delivered')) as relatives
    from jsonb_to_recordset(${JSON.stringify(keys.map(({ event_id, device_id, match_id }) => ({ event_id, device_id, match_id })))}::jsonb)
      as k(event_id uuid, device_id uuid, match_id text)
    left join notification_log l on l.event_id = k.event_id and l.device_id = k.device_id
    left join push_subscriptions s on s.device_id = k.device_id
    left join native_push_tokens n on n.device_id = k.device_id`);
  const byKey = new Map(keys.map((k) => [keyOf(k), k]));
  for (const r of rows) {
    const key = byKey.get(keyOf(r));
    if (!key) continue;
    targets.set(keyOf(r), {
      status: r.status,
      channel: channelOf(r),
      place: placeAmong(key.tag, key.sequence_number, r.relatives),
    });
  }
  // The left join answers every key, a deleted device's too (status null). A key missing means the answer is not
  // this query's (a broken connection or server); acting on it would ack messages never sent.
  const missing = keys.filter((k) => !targets.has(keyOf(k)));
  if (missing.length > 0) throw new Error(`loadTargets: no row for ${missing.length} of ${keys.length} keys`);
  return targets;
}

/** Native token first: a device with both gets its push through the token. */
function channelOf(r: TargetRow): Channel | null {
  if (r.provider !== null)
    return {
      kind: "native",
      target: {
        provider: r.provider,
        token: r.native_token,
        ...(r.environment ? { environment: r.environment } : {}),
      },
    };
  return r.endpoint === null
    ? null
    : { kind: "web", subscription: { endpoint: r.endpoint, p256dh: r.p256dh, auth: r.auth } };
}

/**
 * Writes a batch's outcomes in one statement (atomic, one round trip). A row already `delivered`, `pruned` or
 * `superseded` is final and never rewritten, so a late or duplicated outcome cannot undo a delivery. A delivery
 * earlier than its event's first so far becomes the archive's dispatched_at; the many later ones of a big
 * audience fail that condition and write nothing.
 */
export async function recordOutcomes(db: Db, logs: LogUpdate[], channels: ChannelUpdate[]): Promise<void> {
  if (logs.length === 0 && channels.length === 0) return;
  const web = channels.flatMap(({ channel, ...u }) =>
    channel.kind === "web" ? [{ endpoint: channel.endpoint, ...u }] : [],
  );
  const native = channels.flatMap(({ channel, ...u }) =>
    channel.kind === "native" ? [{ provider: channel.provider, token: channel.token, ...u }] : [],
  );
  await db.execute(sql`
    with v as (
      select * from jsonb_to_recordset(${JSON.stringify(logs)}::jsonb)
        as v(event_id uuid, device_id uuid, status text, requests int, last_status smallint, delivered_at timestamptz)
    ), s as (
      select * from jsonb_to_recordset(${JSON.stringify(web)}::jsonb)
        as s(endpoint text, gone boolean, success_at timestamptz, failures int)
    ), logged as (
      update notification_log l
      set status = v.status,
          attempts = l.attempts + v.requests,
          last_status = coalesce(v.last_status, l.last_status),
          delivered_at = coalesce(v.delivered_at, l.delivered_at),
          updated_at = now(),
          claimed_by = null,
          claimed_attempt = null,
          claimed_token = null,
          claimed_until = null
      from v
      where l.event_id = v.event_id and l.device_id = v.device_id and l.status not in ('delivered', 'pruned', 'superseded')
      returning l.event_id, l.delivered_at
    ), first_delivery as (
      update event_archive a set dispatched_at = f.at
      from (select event_id, min(delivered_at) as at from logged where delivered_at is not null group by event_id) f
      where a.event_id = f.event_id and (a.dispatched_at is null or a.dispatched_at > f.at)
    ), pruned as (
      delete from push_subscriptions p using s where s.gone and p.endpoint = s.endpoint returning 1
    ), touched as (
      update push_subscriptions p
      set last_success_at = coalesce(s.success_at, p.last_success_at),
          failure_count = case when s.success_at is null then p.failure_count + s.failures else s.failures end
      from s
      where not s.gone and p.endpoint = s.endpoint
      returning 1
    ), n as (
      select * from jsonb_to_recordset(${JSON.stringify(native)}::jsonb)
        as n(provider native_push_provider, token text, gone boolean, success_at timestamptz, failures int)
    ), pruned_native as (
      delete from native_push_tokens p using n where n.gone and p.provider = n.provider and p.token = n.token returning 1
    ), touched_native as (
      update native_push_tokens p
      set last_success_at = coalesce(n.success_at, p.last_success_at),
          failure_count = case when n.success_at is null then p.failure_count + n.failures else n.failures end
      from n
      where not n.gone and p.provider = n.provider and p.token = n.token
      returning 1
    )
    select (select count(*) from logged) as logged, (select count(*) from pruned) as pruned, (select count(*) from touched) as touched,
      (select count(*) from pruned_native) as pruned_native, (select count(*) from touched_native) as touched_native`);
}

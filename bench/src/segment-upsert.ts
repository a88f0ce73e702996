// The routing statement as it was before the per-match routing lock (commit 4500158), kept so bench:segment
// measures it side by side with the current one on the same data: one statement without a lock, whose quota
// bump is an upsert (INSERT … ON CONFLICT DO UPDATE re-checking the cap under the row lock) and whose log insert
// is INSERT … ON CONFLICT DO NOTHING, joined back to the recipients for their locales. Only what the bench routes
// (a first delivery of a non-critical event): its redelivery step and critical-event bypass, both no-ops there, are left out.
// Its quota table is gone from the schema (drizzle/0016: the cap is counted from the log); the bench creates it,
// as it last was, in its scratch database (quotaTable).
import { type SQL, sql } from "@buzz/db";
import type { PublishedEvent } from "@buzz/schema/contract";
import { preferenceSql } from "../../apps/worker-pipeline/src/route/preferences.js";
import {
  MAX_NOTIFICATIONS_PER_MATCH,
  ROUTED_STAGE,
  type Target,
} from "../../apps/worker-pipeline/src/route/recipients.js";

/** match_quotas as drizzle/0000 created it, without its foreign key (0003) and with 0005's fillfactor. */
export const quotaTable = sql`
  create table match_quotas (device_id uuid not null, match_id text not null, count integer default 0 not null,
    primary key (device_id, match_id)) with (fillfactor = 50)`;

export function upsertStatement(event: PublishedEvent, targets: Target[], routedAt: Date): SQL {
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
      -- reachable: the follows index it read is now partial (migration 0012); its probes below are kept.
      where f.reachable and not exists (select 1 from done)
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
        where q.count < ${MAX_NOTIFICATIONS_PER_MATCH}::int
      returning q.device_id
    ),
    logged as (
      insert into notification_log (event_id, device_id, match_id)
      select ${eventId}, device_id, ${event.match_id} from granted order by device_id
      on conflict (event_id, device_id) do nothing
      returning device_id
    ),
    routed as (
      update event_archive set routed_at = ${routedAt.toISOString()}::timestamptz where event_id = ${eventId}
    )
    select r.device_id, r.locale, r.silent from logged x join recipients r on r.device_id = x.device_id`;
}

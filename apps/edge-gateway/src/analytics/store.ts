import { type Db, sql } from "@buzz/db";
import type { StoredDerived } from "./build.js";

/**
 * What enrichment derived for each of these events (event_archive.derived), by event_id; an event the pipeline has
 * not reached yet has no entry. One statement: the ids go in as one JSON array.
 */
export async function derivedOf(db: Db, eventIds: readonly string[]): Promise<Map<string, StoredDerived>> {
  if (eventIds.length === 0) return new Map();
  const { rows } = await db.execute<{ event_id: string; derived: StoredDerived }>(sql`
    select a.event_id, a.derived
    from jsonb_array_elements_text(${JSON.stringify(eventIds)}::jsonb) as k(event_id)
    join event_archive a on a.event_id = k.event_id::uuid
    where a.derived is not null`);
  return new Map(rows.map((r) => [r.event_id, r.derived]));
}

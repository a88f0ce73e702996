// A push replaces the phone's notification with the same tag (and the push service's pending message with the
// same Topic): a goal's provisional push, its amendment and its cancellation share one. So what matters is that
// the last one shown is the newest. Retries upstream (enrich, route) and here can reorder them; this decides,
// from the device's other notifications of the match, whether a push is stale or must wait for an older one.

import type { NotificationStatus } from "@buzz/db";
import { tagOf } from "@buzz/notifications";
import type { PublishedEvent } from "@buzz/schema/contract";

/** Another notification of the same device and match, as the log and the event archive know it. */
export interface Relative {
  event_id: string;
  match_id: string;
  status: NotificationStatus;
  sequence_number: number;
  event_type: PublishedEvent["event_type"];
  causation_id: string | null;
}

export interface Place {
  /** A newer push with this tag was already delivered: sending this one would put stale news back on the phone. */
  superseded: boolean;
  /** Older pushes with this tag not yet settled (queued or retrying): this one must not overtake them. */
  behind: string[];
}

/** Where a push for `tag`, made from the event at `sequence`, stands among its relatives. */
export function placeAmong(tag: string, sequence: number, relatives: readonly Relative[]): Place {
  const place: Place = { superseded: false, behind: [] };
  for (const r of relatives) {
    if (tagOfRelative(r) !== tag) continue;
    if (r.status === "delivered" && r.sequence_number > sequence) place.superseded = true;
    if ((r.status === "queued" || r.status === "retrying") && r.sequence_number < sequence)
      place.behind.push(r.event_id);
  }
  return place;
}

// tagOf reads only these fields: the tag comes from the same function route rendered the payload with.
const tagOfRelative = (r: Relative) =>
  tagOf({
    event_type: r.event_type,
    event_id: r.event_id,
    match_id: r.match_id,
    metadata: { causation_id: r.causation_id },
  } as PublishedEvent);

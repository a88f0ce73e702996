// The send claim. Reading a log row as open and writing its outcome after the push leaves a window in which two
// copies of one notification (the queue's at-least-once redelivery, a group regrouped while its old message comes
// back) both read it open and both send. So the row is claimed for one queue message before its push goes out;
// another copy waits until the claim is written off (an outcome clears it) or runs out.
import { type Db, type NotificationStatus, sql } from "@buzz/db";
import type { LogKey } from "@buzz/queue";
import { MAX_ATTEMPTS } from "./outcome.js";
import type { Plan, Sendable, Sorted } from "./plan.js";
import { keyOf } from "./store.js";

/**
 * How long a claim holds: longer than one invocation's pushes take (48, five at a time, each given 10 s), so it
 * only runs out when its sender died without an outcome. The owner is the message id, which a redelivery of the
 * same message keeps (a group's recipient: its lineage and device, kept when it is regrouped; group.ts), with its
 * delivery attempt and a token of the invocation: a later attempt (the owner's invocation died, or never heard the
 * claim answered) takes the claim back at once, and so does the same invocation running its claim again after the
 * answer was lost (src/outage holds it through a blip: without the token it would wait the claim out, five minutes
 * for a goal); another copy of the same attempt (the queue delivers at least once, so two may run at the same time)
 * waits like any other copy.
 */
export const CLAIM_SECONDS = 300;

export interface ClaimKey extends LogKey {
  owner: string;
  attempt: number;
  /** The claiming invocation's own id, the same for each run of its claim. */
  token: string;
}

export interface ClaimAnswer {
  claimed: boolean;
  /** The row's status (null: no row, the device was deleted). */
  status: NotificationStatus | null;
  /** Seconds until another owner's claim runs out (0 when claimed). */
  waitSeconds: number;
}

/**
 * One statement: claims every key still open and unclaimed (or claimed by an earlier attempt of its message, or by
 * this very invocation), and says where the others stand. A claim made before claimed_attempt existed counts as
 * attempt 0.
 */
export async function claimSends(db: Db, keys: ClaimKey[]): Promise<Map<string, ClaimAnswer>> {
  const { rows } = await db.execute<
    LogKey & { claimed: boolean; status: NotificationStatus | null; wait: number }
  >(sql`
    with k as (
      select * from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb)
        as k(event_id uuid, device_id uuid, owner text, attempt int, token text)
    ), c as (
      update notification_log l
      set claimed_by = k.owner, claimed_attempt = k.attempt, claimed_token = k.token,
        claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
      from k
      where l.event_id = k.event_id and l.device_id = k.device_id and l.status in ('queued', 'retrying')
        and (l.claimed_by is null or l.claimed_until < now()
          or (l.claimed_by = k.owner and (coalesce(l.claimed_attempt, 0) < k.attempt or l.claimed_token = k.token)))
      returning l.event_id, l.device_id
    )
    select k.event_id, k.device_id, c.event_id is not null as claimed, l.status,
      coalesce(ceil(extract(epoch from l.claimed_until - now())), 0)::int as wait
    from k
    left join c on c.event_id = k.event_id and c.device_id = k.device_id
    left join notification_log l on l.event_id = k.event_id and l.device_id = k.device_id`);
  const answers = new Map(
    rows.map((r) => [
      keyOf(r),
      { claimed: r.claimed, status: r.status, waitSeconds: r.claimed ? 0 : Math.max(0, r.wait) },
    ]),
  );
  // As in loadTargets: every key has a row here; one missing means the answer is not this statement's.
  if (keys.some((k) => !answers.has(keyOf(k))))
    throw new Error(`claimSends: ${keys.length - answers.size} of ${keys.length} keys unanswered`);
  return answers;
}

/**
 * What is sent of what could be: the claimed. A copy claimed elsewhere comes back once that claim can have run
 * out; one whose row was settled meanwhile is a duplicate. On its last attempt a copy still kept out is sent all
 * the same: the claim's owner may be a message that will not come back, and a possible duplicate beats a lost push.
 */
export function keepClaimed(
  candidates: readonly Sendable[],
  answers: ReadonlyMap<string, ClaimAnswer>,
  backoff: (m: Message) => number,
): Sorted {
  const plans: Plan[] = [];
  const sendable: Sendable[] = [];
  for (const candidate of candidates) {
    const { message, body } = candidate;
    const answer = answers.get(keyOf(body))!; // claimSends answers every key, or throws
    const open = answer.status === "queued" || answer.status === "retrying";
    if (answer.claimed || (open && message.attempts >= MAX_ATTEMPTS)) sendable.push(candidate);
    else if (!open)
      plans.push({
        message,
        action: { do: "ack" },
        outcome: answer.status === null ? "device_gone" : "duplicate",
      });
    else
      plans.push({
        message,
        action: { do: "retry", delaySeconds: Math.max(backoff(message), answer.waitSeconds) },
        outcome: "claimed_elsewhere",
      });
  }
  return { plans, sendable };
}

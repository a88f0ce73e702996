import type { Db } from "@buzz/db";
import { isSourceQueue } from "@buzz/schema/contract";
import { DomainError } from "../errors/index.js";
import { producerFor } from "./bindings.js";
import { claimDeadLetter, closeDelivery, releaseDeadLetter, reopenDelivery } from "./dead-letters.js";

/**
 * `POST /v1/ops/dead-letters/{id}/redrive`: sends the letter's original body back to the queue it died on and
 * marks it `redriven` (claimed first, its delivery reopened; both undone if the send fails). Consumers
 * deduplicate by event_id, so a redrive never repeats an effect that already happened; a body still poison dies
 * again and comes back as a new dead letter.
 */
export async function redrive(db: Db, env: Env, id: string) {
  const claim = await claimDeadLetter(db, id);
  if (claim.kind === "not_found") throw new DomainError(404, "dead_letter_not_found", `no dead letter ${id}`);
  if (claim.kind === "already_redriven")
    throw new DomainError(409, "already_redriven", `dead letter ${id} was already redriven`);
  const queue = claim.sourceQueue;
  if (!isSourceQueue(queue)) throw new Error(`dead letter ${id} names an unknown source queue ${queue}`);
  const reopened = await reopenDelivery(db, queue, claim.body, claim.eventId);
  try {
    await producerFor(env, queue, claim.body).send(claim.body, { contentType: "json" });
  } catch (err) {
    await closeDelivery(db, reopened);
    await releaseDeadLetter(db, id);
    throw new DomainError(503, "queue_unavailable", `could not send to ${queue}: ${String(err)}`);
  }
  return { id, source_queue: queue, state: "redriven" as const, redriven_at: claim.redrivenAt.toISOString() };
}

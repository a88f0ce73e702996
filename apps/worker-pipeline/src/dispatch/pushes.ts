// The pushes of one batch: a few connections at a time, each subscription's pushes one after another.
import { serviceOf } from "./channel.js";
import { mapLimit } from "./limit.js";
import { type SubscriptionEffects, decide, heldBack, prunedWithoutRequest } from "./outcome.js";
import { type Plan, type Sendable, planOf } from "./plan.js";
import type { DispatchDeps } from "./run.js";
import type { PushContext, PushResult } from "./send.js";

/**
 * A Worker invocation may hold 6 connections at once; the Postgres connection (held from the first read to the
 * last write) is one of them.
 */
export const MAX_CONCURRENT_PUSHES = 5;

/**
 * Sends per subscription, each match's pushes in sequence order. After a 404/410 nothing more goes to that subscription. After a push
 * that must be retried, later pushes with the same Topic wait with it: an amendment sent before the provisional
 * goal it replaces would be replaced by it on the phone.
 */
export async function sendPushes(sendable: Sendable[], deps: DispatchDeps, plans: Plan[], effects: SubscriptionEffects, backoff: (m: Message) => number) {
  let context: PushContext;
  try {
    context = await deps.context();
  } catch (err) {
    deps.log("error", "dispatch_not_configured", { error: String(err) });
    for (const { message } of sendable) plans.push({ message, action: { do: "retry", delaySeconds: backoff(message) }, outcome: "not_configured" });
    return;
  }
  const groups = new Map<string, Sendable[]>();
  for (const s of sendable) groups.set(s.subscription.endpoint, [...(groups.get(s.subscription.endpoint) ?? []), s]);
  for (const group of groups.values()) inSequence(group);

  await mapLimit([...groups.values()], MAX_CONCURRENT_PUSHES, async (group) => {
    let gone = false;
    const waiting = new Map<string, number>(); // Topic → delay of the push being retried
    for (const { message, body, subscription } of group) {
      if (gone) {
        plans.push({ message, action: { do: "ack" }, log: prunedWithoutRequest(body), outcome: "no_subscription" });
        continue;
      }
      const wait = waiting.get(body.topic);
      if (wait !== undefined) {
        plans.push(planOf(message, heldBack(body, message.attempts, wait), subscription.endpoint));
        continue;
      }
      const result = await deps.send(body, subscription, context).catch((err): PushResult => ({ kind: "transient", status: null, reason: `send failed: ${String(err)}` }));
      const decision = decide(body, result, message.attempts, deps.random);
      if (decision.effect) effects.add(subscription.endpoint, decision.effect);
      if (result.kind === "gone") gone = true;
      if (decision.action.do === "retry") waiting.set(body.topic, decision.action.delaySeconds);
      plans.push(planOf(message, decision, subscription.endpoint));
      if (decision.reason) {
        deps.log("warn", "push_failed", { event_id: body.event_id, device_id: body.device_id, attempts: message.attempts, status: decision.log.status, reason: decision.reason, origin: serviceOf(subscription) });
      }
    }
  });
}

/** Each match's pushes in sequence order, the matches in the order they first appear. */
function inSequence(group: Sendable[]): void {
  const first = new Map<string, number>();
  group.forEach((s, i) => first.has(s.body.match_id) || first.set(s.body.match_id, i));
  const seq = (s: Sendable) => s.body.payload.data.sequence_number;
  group.sort((a, b) => first.get(a.body.match_id)! - first.get(b.body.match_id)! || seq(a) - seq(b));
}

// The pushes of one batch: a few connections at a time, each channel's pushes one after another.
import { errorText } from "@buzz/db";
import { mapLimit } from "@buzz/queue";
import { channelKey, refOf, serviceOf } from "./channel.js";
import type { DispatchDeps } from "./deps.js";
import { type ChannelEffect, decide, heldBack, prunedWithoutRequest } from "./outcome.js";
import { type Plan, planOf, retryEach, type Sendable } from "./plan.js";
import type { PushContext, PushResult } from "./send.js";

/**
 * A Worker invocation may hold 6 connections at once; the Postgres connection (held from the first read to the
 * last write) is one of them.
 */
export const MAX_CONCURRENT_PUSHES = 5;

export interface Pushed {
  plans: Plan[];
  /** What the pushes did to their channels, in the order they ran per channel. */
  effects: ChannelEffect[];
}

/**
 * Sends per channel, each match's pushes in sequence order. After a 404/410 nothing more goes to that channel.
 * After a push that must be retried, later pushes with the same Topic wait with it: an amendment sent before the
 * provisional goal it replaces would be replaced by it on the phone.
 */
export async function sendPushes(
  sendable: Sendable[],
  deps: DispatchDeps,
  backoff: (m: Message) => number,
): Promise<Pushed> {
  let context: PushContext;
  try {
    context = await deps.context();
  } catch (err) {
    deps.log("error", "dispatch_not_configured", { error: errorText(err) });
    return { plans: retryEach(sendable, backoff, "not_configured"), effects: [] };
  }
  const groups = new Map<string, Sendable[]>();
  for (const s of sendable) {
    const key = channelKey(refOf(s.channel));
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const results = await mapLimit([...groups.values()], MAX_CONCURRENT_PUSHES, (group) =>
    sendGroup(inSequence(group), deps, context),
  );
  return { plans: results.flatMap((r) => r.plans), effects: results.flatMap((r) => r.effects) };
}

/** One channel's pushes, one after another. */
async function sendGroup(group: Sendable[], deps: DispatchDeps, context: PushContext): Promise<Pushed> {
  const out: Pushed = { plans: [], effects: [] };
  let gone = false;
  const waiting = new Map<string, number>(); // Topic → delay of the push being retried
  for (const { message, body, channel } of group) {
    if (gone) {
      out.plans.push({
        message,
        action: { do: "ack" },
        log: prunedWithoutRequest(body),
        outcome: "no_subscription",
      });
      continue;
    }
    const wait = waiting.get(body.topic);
    if (wait !== undefined) {
      out.plans.push(planOf(message, heldBack(body, message.attempts, wait), channel));
      continue;
    }
    const result = await deps
      .send(body, channel, context)
      .catch(
        (err): PushResult => ({ kind: "transient", status: null, reason: `send failed: ${String(err)}` }),
      );
    const decision = decide(body, result, message.attempts, deps.random);
    if (decision.effect) out.effects.push({ channel: refOf(channel), effect: decision.effect });
    if (result.kind === "gone") gone = true;
    if (decision.action.do === "retry") waiting.set(body.topic, decision.action.delaySeconds);
    out.plans.push(planOf(message, decision, channel));
    if (decision.reason) {
      deps.log("warn", "push_failed", {
        event_id: body.event_id,
        device_id: body.device_id,
        attempts: message.attempts,
        status: decision.log.status,
        reason: decision.reason,
        origin: serviceOf(channel),
      });
    }
  }
  return out;
}

/** Each match's pushes in sequence order, the matches in the order they first appear. */
function inSequence(group: Sendable[]): Sendable[] {
  const first = new Map<string, number>();
  group.forEach((s, i) => {
    if (!first.has(s.body.match_id)) first.set(s.body.match_id, i);
  });
  const seq = (s: Sendable) => s.body.payload.data.sequence_number;
  return [...group].sort(
    (a, b) => first.get(a.body.match_id)! - first.get(b.body.match_id)! || seq(a) - seq(b),
  );
}

// One invocation of the dispatcher over a batch: read the log and subscriptions once, send the pushes (a few at a
// time, each device's in order), write every outcome in one statement, then ack, retry or dead-letter each message.
import type { NotificationMessage } from "../messages/index.js";
import { retryDelaySeconds } from "./backoff.js";
import { type DeadLetter, type OutcomeRecord, deadLetterOf, parseMessage } from "./messages.js";
import { MAX_ATTEMPTS, SubscriptionEffects, deadWithoutRequest, prunedWithoutRequest, supersededWithoutRequest } from "./outcome.js";
import type { Plan, Sendable } from "./plan.js";
import { sendPushes } from "./pushes.js";
import type { ChannelSender } from "./channel.js";
import type { PushContext } from "./send.js";
import { type LogUpdate, type SubscriptionUpdate, type Target, type TargetKey, keyOf } from "./store.js";

export { MAX_CONCURRENT_PUSHES } from "./pushes.js";

/**
 * Push requests per invocation. Workers Free allows 50 subrequests per invocation (Paid far more): one goes to
 * the database, one is spare. A batch with more sendable messages retries the rest at once.
 */
export const PUSH_BUDGET = 48;

export interface DispatchDeps {
  /** Every key's target (status null: no log row), or a rejection. */
  load(keys: TargetKey[]): Promise<Map<string, Target>>;
  record(logs: LogUpdate[], subscriptions: SubscriptionUpdate[]): Promise<void>;
  context(): Promise<PushContext>;
  send: ChannelSender;
  deadLetter(letter: DeadLetter): Promise<unknown>;
  carry(record: OutcomeRecord): Promise<unknown>;
  log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown>): void;
  random?: () => number;
}

export async function runDispatch(messages: readonly Message[], deps: DispatchDeps): Promise<void> {
  const plans: Plan[] = [];
  const effects = new SubscriptionEffects();
  const backoff = (m: Message) => retryDelaySeconds(m.attempts, undefined, deps.random);
  const parsed = messages.map((message) => ({ message, parsed: parseMessage(message.body) }));

  // Outcomes carried from an earlier invocation: only to be written. Their keys are settled, so a notification
  // for the same key in this batch is a duplicate.
  const settled = new Set<string>();
  for (const { message, parsed: p } of parsed) {
    if (p.kind !== "outcome") continue;
    settled.add(keyOf(p.body.log));
    if (p.body.subscription) effects.addEarlier(p.body.subscription);
    plans.push({ message, action: { do: "ack" }, log: p.body.log, outcome: "carried" });
  }
  const notifications: { message: Message; body: NotificationMessage }[] = [];
  for (const { message, parsed: p } of parsed) {
    if (p.kind === "malformed") {
      plans.push({ message, action: { do: "dead-letter", reason: p.reason }, ...(p.key && { log: deadWithoutRequest(p.key) }), outcome: "malformed" });
    } else if (p.kind === "notification") {
      const key = keyOf(p.body);
      if (settled.has(key)) plans.push({ message, action: { do: "ack" }, outcome: "duplicate" });
      else notifications.push({ message, body: p.body }), settled.add(key);
    }
  }

  const sendable = await resolveTargets(notifications, deps, plans, backoff);
  const toSend = sendable.slice(0, PUSH_BUDGET);
  for (const { message } of sendable.slice(PUSH_BUDGET)) plans.push({ message, action: { do: "retry", delaySeconds: 0 }, outcome: "over_budget" });
  if (toSend.length > 0) await sendPushes(toSend, deps, plans, effects, backoff);

  const subscriptions = effects.updates();
  const logs = plans.flatMap((p) => (p.log ? [p.log] : []));
  let written = true;
  try {
    await deps.record(logs, subscriptions);
  } catch (err) {
    written = false;
    deps.log("error", "dispatch_record_failed", { messages: messages.length, error: String(err) });
  }
  await Promise.all(plans.map((plan) => settle(plan, written, deps, backoff)));
  deps.log("info", "dispatch_batch", { messages: messages.length, written, outcomes: countBy(plans.map((p) => p.outcome)) });
}

/** Reads the log and subscriptions; plans what needs no push and returns what does (in batch order). */
async function resolveTargets(notifications: { message: Message; body: NotificationMessage }[], deps: DispatchDeps, plans: Plan[], backoff: (m: Message) => number) {
  if (notifications.length === 0) return [];
  let targets: Map<string, Target>;
  try {
    targets = await deps.load(notifications.map(({ body }) => ({ ...body, tag: body.payload.tag, sequence_number: body.payload.data.sequence_number })));
  } catch (err) {
    deps.log("error", "dispatch_load_failed", { messages: notifications.length, error: String(err) });
    for (const { message } of notifications) plans.push({ message, action: { do: "retry", delaySeconds: backoff(message) }, outcome: "database_unavailable" });
    return [];
  }
  // An older push in this very batch is sent first (sendPushes orders each device's), so it is no reason to wait.
  const inBatch = new Set(notifications.map(({ body }) => keyOf(body)));
  const sendable: Sendable[] = [];
  for (const { message, body } of notifications) {
    const target = targets.get(keyOf(body))!; // load answers every key, or throws
    const waiting = target.place.behind.filter((eventId) => !inBatch.has(keyOf({ event_id: eventId, device_id: body.device_id })));
    // No log row: the device was deleted (its log went with it). Delivered or pruned: a redelivery.
    if (target.status === null) plans.push({ message, action: { do: "ack" }, outcome: "device_gone" });
    else if (target.status === "delivered" || target.status === "pruned" || target.status === "superseded") plans.push({ message, action: { do: "ack" }, outcome: "duplicate" });
    else if (target.place.superseded) plans.push({ message, action: { do: "ack" }, log: supersededWithoutRequest(body), outcome: "superseded" });
    else if (!target.subscription) plans.push({ message, action: { do: "ack" }, log: prunedWithoutRequest(body), outcome: "no_subscription" });
    // Waits for the older push with its tag, but not past its own last attempt: late order beats no amendment.
    else if (waiting.length > 0 && message.attempts < MAX_ATTEMPTS) plans.push({ message, action: { do: "retry", delaySeconds: backoff(message) }, outcome: "behind" });
    else sendable.push({ message, body, subscription: target.subscription });
  }
  return sendable;
}

/** Acks, retries or dead-letters one message, once the outcomes are written (or could not be). */
async function settle(plan: Plan, written: boolean, deps: DispatchDeps, backoff: (m: Message) => number): Promise<void> {
  const { message, action } = plan;
  if (!written && plan.carry) {
    try {
      await deps.carry(plan.carry);
      return message.ack();
    } catch (err) {
      // Nowhere to keep the outcome: sending again (a possible duplicate) beats losing the notification.
      deps.log("error", "dispatch_carry_failed", { event_id: plan.carry.log.event_id, device_id: plan.carry.log.device_id, error: String(err) });
      return message.retry({ delaySeconds: backoff(message) });
    }
  }
  // An outcome that was not written and had no effect outside (a carried record, a push with no subscription
  // left) is simply decided again later; acking it would leave its log row open.
  if (!written && plan.log && action.do === "ack") return message.retry({ delaySeconds: backoff(message) });
  if (action.do === "ack") return message.ack();
  if (action.do === "retry") return message.retry({ delaySeconds: action.delaySeconds });
  try {
    await deps.deadLetter(deadLetterOf(message, action.reason));
    message.ack();
  } catch (err) {
    // Without a dead-letter queue to take it, the platform's own retries end there (attempt MAX_ATTEMPTS).
    deps.log("error", "dispatch_dead_letter_failed", { message_id: message.id, reason: action.reason, error: String(err) });
    message.retry({ delaySeconds: 0 });
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

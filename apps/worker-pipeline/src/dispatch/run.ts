// One invocation of the dispatcher over a batch: open the groups into one unit per recipient, read the log and
// channels once, claim the rows to be sent (claim.ts), send the pushes (a few at a time, each device's in order),
// write every outcome in one statement, then ack, retry or dead-letter each unit and settle each group's message
// (group.ts).
import { errorText } from "@buzz/db";
import { backoffSeconds, type ChannelUpdate, deadLetterOf, type NotificationMessage } from "@buzz/queue";
import { QUEUES } from "@buzz/schema/contract";
import { PUSH_BUDGET } from "./budget.js";
import { keepClaimed } from "./claim.js";
import type { DispatchDeps } from "./deps.js";
import { type Group, isUnit, openGroup, settleGroup } from "./group.js";
import { type Parsed, parseNotification } from "./messages.js";
import {
  channelUpdates,
  deadWithoutRequest,
  MAX_ATTEMPTS,
  prunedWithoutRequest,
  supersededWithoutRequest,
} from "./outcome.js";
import { type Plan, retryEach, type Sendable, type Sorted } from "./plan.js";
import { sendPushes } from "./pushes.js";
import { keyOf, type Target } from "./store.js";

type Backoff = (m: Message) => number;
type Received = { message: Message; body: NotificationMessage };

export async function runDispatch(messages: readonly Message[], deps: DispatchDeps): Promise<void> {
  const backoff: Backoff = (m) => backoffSeconds(m.attempts, undefined, undefined, deps.random);
  const { received, groups } = openGroups(messages);
  const read = readBatch(received);
  const resolved = await resolveTargets(read.notifications, deps, backoff);
  const overBudget = resolved.sendable.slice(PUSH_BUDGET).map(({ message }): Plan => {
    // A group's recipient goes back without spending an attempt (group.ts); a one-device message's retry counts.
    if (isUnit(message)) message.untried = true;
    return { message, action: { do: "retry", delaySeconds: 0 }, outcome: "over_budget" };
  });
  const claimed = await claim(resolved.sendable.slice(0, PUSH_BUDGET), deps, backoff);
  const toSend = claimed.sendable;
  const pushed = toSend.length > 0 ? await sendPushes(toSend, deps, backoff) : { plans: [], effects: [] };

  const plans = [...read.plans, ...resolved.plans, ...overBudget, ...claimed.plans, ...pushed.plans];
  const logs = plans.flatMap((p) => (p.log ? [p.log] : []));
  let written = true;
  try {
    await deps.record(logs, channelUpdates(read.earlier, pushed.effects));
  } catch (err) {
    written = false;
    deps.log("error", "dispatch_record_failed", { messages: messages.length, error: errorText(err) });
  }
  await Promise.all(plans.map((plan) => settle(plan, written, deps, backoff)));
  const settled = await Promise.all(groups.map((group) => settleGroup(group, deps, backoff)));
  deps.log("info", "dispatch_batch", {
    messages: messages.length,
    recipients: plans.length,
    written,
    outcomes: countBy(plans.map((p) => p.outcome)),
    ...(groups.length > 0 && { groups: countBy(settled) }),
  });
}

/** Parses each message; a group becomes one unit per recipient (group.ts), each parsed as it was built. */
function openGroups(messages: readonly Message[]): {
  received: { message: Message; parsed: Parsed }[];
  groups: Group[];
} {
  const received: { message: Message; parsed: Parsed }[] = [];
  const groups: Group[] = [];
  for (const message of messages) {
    const parsed = parseNotification(message.body);
    if (parsed.kind !== "group") {
      received.push({ message, parsed });
      continue;
    }
    const group = openGroup(message, parsed.body);
    groups.push(group);
    for (const unit of group.units)
      received.push({ message: unit, parsed: { kind: "notification", body: unit.body } });
  }
  return { received, groups };
}

/**
 * Sorts the batch: outcomes carried from an earlier invocation (only to be written; their keys are settled, so a
 * notification for the same key here is a duplicate), notifications to look up, and what cannot be read.
 */
function readBatch(parsed: readonly { message: Message; parsed: Parsed }[]): {
  plans: Plan[];
  earlier: ChannelUpdate[];
  notifications: Received[];
} {
  const plans: Plan[] = [];
  const earlier: ChannelUpdate[] = [];
  const settled = new Set<string>();
  for (const { message, parsed: p } of parsed) {
    if (p.kind !== "outcome") continue;
    settled.add(keyOf(p.body.log));
    if (p.body.channel) earlier.push(p.body.channel);
    plans.push({ message, action: { do: "ack" }, log: p.body.log, outcome: "carried" });
  }
  const notifications: Received[] = [];
  for (const { message, parsed: p } of parsed) {
    if (p.kind === "malformed") {
      plans.push({
        message,
        action: { do: "dead-letter", reason: p.reason },
        ...(p.key && { log: deadWithoutRequest(p.key) }),
        outcome: "malformed",
      });
    } else if (p.kind === "notification") {
      const key = keyOf(p.body);
      if (settled.has(key)) plans.push({ message, action: { do: "ack" }, outcome: "duplicate" });
      else {
        notifications.push({ message, body: p.body });
        settled.add(key);
      }
    }
  }
  return { plans, earlier, notifications };
}

/** Reads the log and channels; plans what needs no push and returns what does (in batch order). */
async function resolveTargets(
  notifications: Received[],
  deps: DispatchDeps,
  backoff: Backoff,
): Promise<Sorted> {
  if (notifications.length === 0) return { plans: [], sendable: [] };
  let targets: Map<string, Target>;
  try {
    targets = await deps.load(
      notifications.map(({ body }) => ({
        ...body,
        tag: body.payload.tag,
        sequence_number: body.payload.data.sequence_number,
      })),
    );
  } catch (err) {
    deps.log("error", "dispatch_load_failed", { messages: notifications.length, error: errorText(err) });
    return { plans: retryEach(notifications, backoff, "database_unavailable"), sendable: [] };
  }
  // An older push in this very batch is sent first (sendPushes orders each device's), so it is no reason to wait.
  const inBatch = new Set(notifications.map(({ body }) => keyOf(body)));
  const plans: Plan[] = [];
  const sendable: Sendable[] = [];
  for (const { message, body } of notifications) {
    const target = targets.get(keyOf(body))!; // load answers every key, or throws
    const waiting = target.place.behind.filter(
      (eventId) => !inBatch.has(keyOf({ event_id: eventId, device_id: body.device_id })),
    );
    // No log row: the device was deleted (its log went with it). Delivered or pruned: a redelivery.
    if (target.status === null) plans.push({ message, action: { do: "ack" }, outcome: "device_gone" });
    else if (target.status === "delivered" || target.status === "pruned" || target.status === "superseded")
      plans.push({ message, action: { do: "ack" }, outcome: "duplicate" });
    else if (target.place.superseded)
      plans.push({
        message,
        action: { do: "ack" },
        log: supersededWithoutRequest(body),
        outcome: "superseded",
      });
    else if (!target.channel)
      plans.push({
        message,
        action: { do: "ack" },
        log: prunedWithoutRequest(body),
        outcome: "no_subscription",
      });
    // Waits for the older push with its tag, but not past its own last attempt: late order beats no amendment.
    else if (waiting.length > 0 && message.attempts < MAX_ATTEMPTS)
      plans.push({ message, action: { do: "retry", delaySeconds: backoff(message) }, outcome: "behind" });
    else sendable.push({ message, body, channel: target.channel });
  }
  return { plans, sendable };
}

/** Claims what is to be sent (claim.ts); if Postgres cannot answer, nothing is sent and all of it is retried. */
async function claim(candidates: Sendable[], deps: DispatchDeps, backoff: Backoff): Promise<Sorted> {
  if (candidates.length === 0) return { plans: [], sendable: [] };
  const token = crypto.randomUUID();
  try {
    const answers = await deps.claim(
      candidates.map(({ message, body }) => ({
        event_id: body.event_id,
        device_id: body.device_id,
        owner: message.id,
        attempt: message.attempts,
        token,
      })),
    );
    return keepClaimed(candidates, answers, backoff);
  } catch (err) {
    deps.log("error", "dispatch_claim_failed", { messages: candidates.length, error: errorText(err) });
    return { plans: retryEach(candidates, backoff, "database_unavailable"), sendable: [] };
  }
}

/** Acks, retries or dead-letters one message, once the outcomes are written (or could not be). */
async function settle(plan: Plan, written: boolean, deps: DispatchDeps, backoff: Backoff): Promise<void> {
  const { message, action } = plan;
  if (!written && plan.carry) {
    try {
      await deps.carry(plan.carry);
      return message.ack();
    } catch (err) {
      // Nowhere to keep the outcome: sending again (a possible duplicate) beats losing the notification.
      deps.log("error", "dispatch_carry_failed", {
        event_id: plan.carry.log.event_id,
        device_id: plan.carry.log.device_id,
        error: errorText(err),
      });
      return message.retry({ delaySeconds: backoff(message) });
    }
  }
  // An outcome that was not written and had no effect outside (a carried record, a push with no subscription
  // left) is simply decided again later; acking it would leave its log row open.
  if (!written && plan.log && action.do === "ack") return message.retry({ delaySeconds: backoff(message) });
  if (action.do === "ack") return message.ack();
  if (action.do === "retry") return message.retry({ delaySeconds: action.delaySeconds });
  try {
    await deps.deadLetter(deadLetterOf(QUEUES.notifications, message, action.reason));
    message.ack();
  } catch (err) {
    // Without a dead-letter queue to take it, the platform's own retries end there (attempt MAX_ATTEMPTS).
    deps.log("error", "dispatch_dead_letter_failed", {
      message_id: message.id,
      reason: action.reason,
      error: errorText(err),
    });
    message.retry({ delaySeconds: 0 });
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

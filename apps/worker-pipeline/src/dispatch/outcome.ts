// What a push result means for the message (ack, retry, dead-letter), its log row and its subscription.
import {
  backoffSeconds,
  type ChannelRef,
  type ChannelUpdate,
  type LogKey,
  type LogUpdate,
} from "@buzz/queue";
import { channelKey } from "./channel.js";
import type { PushResult } from "./send.js";

/**
 * `message.attempts` counts deliveries from 1; the platform moves a message to the dead-letter queue when it
 * is retried on attempt max_retries + 1. Keep equal to wrangler.jsonc's `notifications` max_retries (6) + 1.
 */
export const MAX_ATTEMPTS = 7;

export type Action =
  | { do: "ack" }
  | { do: "retry"; delaySeconds: number }
  /** Retrying cannot help: to notifications-dlq now, then ack. */
  | { do: "dead-letter"; reason: string };

export type SubscriptionEffect = { kind: "success"; at: string } | { kind: "failure" } | { kind: "gone" };

export interface Decision {
  action: Action;
  log: LogUpdate;
  effect: SubscriptionEffect | null;
  /** The push had an effect that sending again would repeat: if the log cannot be written, carry it, never retry. */
  irreversible: boolean;
  reason?: string;
  /** For the batch's log line: the log status, or "held_back". */
  outcome: string;
}

/** The decision for one push result, given the delivery attempt (`message.attempts`) it was made on. */
export function decide(key: LogKey, result: PushResult, attempts: number, random?: () => number): Decision {
  const base = {
    event_id: key.event_id,
    device_id: key.device_id,
    last_status: result.status,
    delivered_at: null,
  };
  switch (result.kind) {
    case "delivered": {
      const at = result.at.toISOString();
      return {
        action: { do: "ack" },
        log: { ...base, status: "delivered", requests: 1, delivered_at: at },
        effect: { kind: "success", at },
        irreversible: true,
        outcome: "delivered",
      };
    }
    case "gone":
      return {
        action: { do: "ack" },
        log: { ...base, status: "pruned", requests: 1 },
        effect: { kind: "gone" },
        irreversible: true,
        outcome: "pruned",
      };
    case "refused": {
      const requests = result.status === null ? 0 : 1;
      const effect = requests ? ({ kind: "failure" } as const) : null;
      return {
        action: { do: "dead-letter", reason: result.reason },
        log: { ...base, status: "dead", requests },
        effect,
        irreversible: false,
        reason: result.reason,
        outcome: "dead",
      };
    }
    case "transient": {
      // The last attempt still goes through retry(): the platform then moves it to notifications-dlq, whose
      // recorder keeps it for a redrive. The log says `dead` now, so the account closes without waiting for it.
      const last = attempts >= MAX_ATTEMPTS;
      const action = {
        do: "retry",
        delaySeconds: last ? 0 : backoffSeconds(attempts, result.retryAfter, undefined, random),
      } as const;
      const status = last ? "dead" : "retrying";
      return {
        action,
        log: { ...base, status, requests: 1 },
        effect: { kind: "failure" },
        irreversible: false,
        reason: result.reason,
        outcome: status,
      };
    }
  }
}

/** A push not sent because an earlier one with the same Topic is being retried: it goes back with it. */
export function heldBack(key: LogKey, attempts: number, delaySeconds: number): Decision {
  const last = attempts >= MAX_ATTEMPTS;
  const log: LogUpdate = {
    event_id: key.event_id,
    device_id: key.device_id,
    status: last ? "dead" : "retrying",
    requests: 0,
    last_status: null,
    delivered_at: null,
  };
  return {
    action: { do: "retry", delaySeconds: last ? 0 : delaySeconds },
    log,
    effect: null,
    irreversible: false,
    outcome: "held_back",
  };
}

/** The log row of a message that was never sent and never can be (no subscription left: pruned). */
export function prunedWithoutRequest(key: LogKey): LogUpdate {
  return {
    event_id: key.event_id,
    device_id: key.device_id,
    status: "pruned",
    requests: 0,
    last_status: null,
    delivered_at: null,
  };
}

/**
 * The log row of a push not sent because a newer one with its tag is already on the phone. It counts as delivered:
 * what it said is in what the phone shows. No request, so no delivered_at.
 */
export function supersededWithoutRequest(key: LogKey): LogUpdate {
  return {
    event_id: key.event_id,
    device_id: key.device_id,
    status: "superseded",
    requests: 0,
    last_status: null,
    delivered_at: null,
  };
}

export function deadWithoutRequest(key: LogKey): LogUpdate {
  return {
    event_id: key.event_id,
    device_id: key.device_id,
    status: "dead",
    requests: 0,
    last_status: null,
    delivered_at: null,
  };
}

/** What one push did to its channel, in the order the pushes ran. */
export interface ChannelEffect {
  channel: ChannelRef;
  effect: SubscriptionEffect;
}

/**
 * Folds a batch's channel effects into one update per channel: first the updates carried from an earlier
 * invocation (they happened before anything in this batch), then this batch's effects in the order they ran.
 */
export function channelUpdates(
  earlier: readonly ChannelUpdate[],
  effects: readonly ChannelEffect[],
): ChannelUpdate[] {
  const byKey = new Map<string, ChannelUpdate>();
  for (const update of earlier) {
    const key = channelKey(update.channel);
    const later = byKey.get(key);
    if (!later) {
      byKey.set(key, { ...update });
      continue;
    }
    later.gone ||= update.gone;
    if (later.success_at === null)
      Object.assign(later, { success_at: update.success_at, failures: update.failures + later.failures });
  }
  for (const { channel, effect } of effects) {
    const key = channelKey(channel);
    const u = byKey.get(key) ?? { channel, gone: false, success_at: null, failures: 0 };
    if (effect.kind === "gone") u.gone = true;
    else if (effect.kind === "success") Object.assign(u, { success_at: effect.at, failures: 0 });
    else u.failures++;
    byKey.set(key, u);
  }
  return [...byKey.values()];
}

// What a push result means for the message (ack, retry, dead-letter), its log row and its subscription.
import { retryDelaySeconds } from "./backoff.js";
import type { PushResult } from "./send.js";
import type { LogKey, LogUpdate, SubscriptionUpdate } from "./store.js";

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
  const base = { event_id: key.event_id, device_id: key.device_id, last_status: result.status, delivered_at: null };
  switch (result.kind) {
    case "delivered": {
      const at = result.at.toISOString();
      return { action: { do: "ack" }, log: { ...base, status: "delivered", requests: 1, delivered_at: at }, effect: { kind: "success", at }, irreversible: true, outcome: "delivered" };
    }
    case "gone":
      return { action: { do: "ack" }, log: { ...base, status: "pruned", requests: 1 }, effect: { kind: "gone" }, irreversible: true, outcome: "pruned" };
    case "refused": {
      const requests = result.status === null ? 0 : 1;
      const effect = requests ? ({ kind: "failure" } as const) : null;
      return { action: { do: "dead-letter", reason: result.reason }, log: { ...base, status: "dead", requests }, effect, irreversible: false, reason: result.reason, outcome: "dead" };
    }
    case "transient": {
      // The last attempt still goes through retry(): the platform then moves it to notifications-dlq, whose
      // recorder keeps it for a redrive. The log says `dead` now, so the account closes without waiting for it.
      const last = attempts >= MAX_ATTEMPTS;
      const action = { do: "retry", delaySeconds: last ? 0 : retryDelaySeconds(attempts, result.retryAfter, random) } as const;
      const status = last ? "dead" : "retrying";
      return { action, log: { ...base, status, requests: 1 }, effect: { kind: "failure" }, irreversible: false, reason: result.reason, outcome: status };
    }
  }
}

/** A push not sent because an earlier one with the same Topic is being retried: it goes back with it. */
export function heldBack(key: LogKey, attempts: number, delaySeconds: number): Decision {
  const last = attempts >= MAX_ATTEMPTS;
  const log: LogUpdate = { event_id: key.event_id, device_id: key.device_id, status: last ? "dead" : "retrying", requests: 0, last_status: null, delivered_at: null };
  return { action: { do: "retry", delaySeconds: last ? 0 : delaySeconds }, log, effect: null, irreversible: false, outcome: "held_back" };
}

/** The log row of a message that was never sent and never can be (no subscription left: pruned). */
export function prunedWithoutRequest(key: LogKey): LogUpdate {
  return { event_id: key.event_id, device_id: key.device_id, status: "pruned", requests: 0, last_status: null, delivered_at: null };
}

/**
 * The log row of a push not sent because a newer one with its tag is already on the phone. It counts as delivered:
 * what it said is in what the phone shows. No request, so no delivered_at.
 */
export function supersededWithoutRequest(key: LogKey): LogUpdate {
  return { event_id: key.event_id, device_id: key.device_id, status: "superseded", requests: 0, last_status: null, delivered_at: null };
}

export function deadWithoutRequest(key: LogKey): LogUpdate {
  return { event_id: key.event_id, device_id: key.device_id, status: "dead", requests: 0, last_status: null, delivered_at: null };
}

/** Folds effects, in the order their pushes ran, into one update per endpoint. */
export class SubscriptionEffects {
  private readonly byEndpoint = new Map<string, SubscriptionUpdate>();

  add(endpoint: string, effect: SubscriptionEffect): void {
    const u = this.current(endpoint);
    if (effect.kind === "gone") u.gone = true;
    else if (effect.kind === "success") Object.assign(u, { success_at: effect.at, failures: 0 });
    else u.failures++;
  }

  /** An update carried from an earlier invocation: it happened before anything in this batch. */
  addEarlier(update: SubscriptionUpdate): void {
    const later = this.byEndpoint.get(update.endpoint);
    if (!later) return void this.byEndpoint.set(update.endpoint, { ...update });
    later.gone ||= update.gone;
    if (later.success_at === null) Object.assign(later, { success_at: update.success_at, failures: update.failures + later.failures });
  }

  updates(): SubscriptionUpdate[] {
    return [...this.byEndpoint.values()];
  }

  private current(endpoint: string): SubscriptionUpdate {
    let u = this.byEndpoint.get(endpoint);
    if (!u) this.byEndpoint.set(endpoint, (u = { endpoint, gone: false, success_at: null, failures: 0 }));
    return u;
  }
}

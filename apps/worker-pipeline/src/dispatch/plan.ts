import type { LogUpdate, NotificationMessage, OutcomeRecord } from "@buzz/queue";
import type { Channel } from "./channel.js";
import { refOf } from "./channel.js";
import type { Action, Decision } from "./outcome.js";

/** What will be done with one message once the batch's outcomes are written. */
export interface Plan {
  message: Message;
  action: Action;
  log?: LogUpdate;
  /** The outcome to put back on the queue if the log cannot be written (see OutcomeRecord). */
  carry?: OutcomeRecord;
  /** For the batch's log line. */
  outcome: string;
}

/** A message that goes out, to the device's current subscription or native token. */
export interface Sendable {
  message: Message;
  body: NotificationMessage;
  channel: Channel;
}

export function planOf(message: Message, d: Decision, channel: Channel): Plan {
  const plan: Plan = { message, action: d.action, log: d.log, outcome: d.outcome };
  if (d.irreversible && d.effect) {
    const update = {
      channel: refOf(channel),
      gone: d.effect.kind === "gone",
      success_at: d.effect.kind === "success" ? d.effect.at : null,
      failures: 0,
    };
    plan.carry = { kind: "dispatch_outcome", log: d.log, channel: update };
  }
  return plan;
}

/** What a step leaves: plans for messages it settled, and what still goes on to be sent. */
export interface Sorted {
  plans: Plan[];
  sendable: Sendable[];
}

/** Each message retried with its backoff, for a step that could not run (Postgres, configuration). */
export function retryEach(
  received: readonly { message: Message }[],
  backoff: (m: Message) => number,
  outcome: string,
): Plan[] {
  return received.map(({ message }) => ({
    message,
    action: { do: "retry", delaySeconds: backoff(message) },
    outcome,
  }));
}

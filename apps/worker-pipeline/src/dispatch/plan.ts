import type { NotificationMessage } from "../messages/index.js";
import type { OutcomeRecord } from "./messages.js";
import type { Action, Decision } from "./outcome.js";
import type { Channel } from "./channel.js";
import type { LogUpdate } from "./store.js";

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
  subscription: Channel;
}

export function planOf(message: Message, d: Decision, endpoint: string): Plan {
  const plan: Plan = { message, action: d.action, log: d.log, outcome: d.outcome };
  if (d.irreversible && d.effect) {
    const subscription = { endpoint, gone: d.effect.kind === "gone", success_at: d.effect.kind === "success" ? d.effect.at : null, failures: 0 };
    plan.carry = { kind: "dispatch_outcome", log: d.log, subscription };
  }
  return plan;
}

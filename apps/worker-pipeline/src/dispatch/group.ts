// A NotificationGroup in dispatch. Each recipient becomes a unit the batch handles like a one-device message: its
// own log row, push, outcome and dead letter. Once every unit is settled the group's message is acked, and the
// recipients to be tried again go back together in one new message that carries their attempts.
import {
  deadLetterOf,
  MAX_RECIPIENTS,
  type NotificationGroup,
  type NotificationMessage,
  packNotifications,
  unpackGroup,
} from "@buzz/queue";
import { QUEUES } from "@buzz/schema/contract";
import type { DispatchDeps } from "./deps.js";
import { MAX_ATTEMPTS } from "./outcome.js";

/** One recipient of a group, as a message of its own: what settle() does to it is recorded, not sent. */
export interface Unit extends Message<NotificationMessage> {
  settled?: { do: "ack" } | { do: "retry"; delaySeconds: number };
}

export interface Group {
  message: Message;
  units: Unit[];
}

/**
 * The group's recipients as units. A recipient's attempts are the group's earlier ones plus this message's
 * deliveries, so backoff, the last-attempt rules and the dead letter work per device as for a one-device message.
 * The unit's id names the device too: dead letters are stored once per (queue, id).
 */
export function unitsOf(message: Message, group: NotificationGroup): Unit[] {
  return unpackGroup(group).map((body) => {
    const unit: Unit = {
      id: `${message.id}/${body.device_id}`,
      timestamp: message.timestamp,
      body,
      attempts: group.attempts + message.attempts,
      ack: () => {
        unit.settled = { do: "ack" };
      },
      retry: (options) => {
        unit.settled = { do: "retry", delaySeconds: options?.delaySeconds ?? 0 };
      },
    };
    return unit;
  });
}

/**
 * Acks the group's message once its units are settled. Units to be retried go back in one message, after the
 * longest delay any of them asked for (so none comes back early, and a push held back behind one being retried
 * stays behind it); those past their last attempt go to notifications-dlq each, where the platform would have
 * moved a one-device message. If either cannot be sent, the whole message is retried: units already settled are
 * then found settled in the log.
 */
export async function settleGroup(
  { message, units }: Group,
  deps: DispatchDeps,
  backoff: (m: Message) => number,
): Promise<"acked" | "regrouped" | "retried"> {
  const again = units.filter((u) => u.settled?.do !== "ack");
  const exhausted = again.filter((u) => u.attempts >= MAX_ATTEMPTS);
  const retried = again.filter((u) => u.attempts < MAX_ATTEMPTS);
  try {
    await Promise.all(
      exhausted.map((u) => deps.deadLetter(deadLetterOf(QUEUES.notifications, u, "retries_exhausted"))),
    );
    if (retried.length > 0) {
      const [body] = packNotifications(
        retried.map((u) => u.body),
        MAX_RECIPIENTS,
        retried[0]!.attempts,
      );
      const delays = retried.map((u) => (u.settled?.do === "retry" ? u.settled.delaySeconds : 0));
      await deps.resend(body!, Math.max(...delays));
    }
    message.ack();
    return retried.length > 0 ? "regrouped" : "acked";
  } catch (err) {
    deps.log("error", "dispatch_regroup_failed", {
      message_id: message.id,
      retried: retried.length,
      exhausted: exhausted.length,
      error: String(err),
    });
    message.retry({ delaySeconds: backoff(message) });
    return "retried";
  }
}

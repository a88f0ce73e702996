// A NotificationGroup in dispatch. Each recipient becomes a unit the batch handles like a one-device message: its
// own log row, push, outcome and dead letter. Once every unit is settled the group's message is acked, and the
// recipients to be tried again go back together in one new message that carries their attempts.
import { errorText } from "@buzz/db";
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
  /** Left over by the push budget (run.ts): never tried, so this delivery is not one of its attempts. */
  untried: boolean;
}

/** A group's recipient, as opposed to a one-device message off the queue. */
export const isUnit = (message: Message): message is Unit => "untried" in message;

export interface Group {
  message: Message;
  units: Unit[];
  /** The id of the message its recipients were first delivered in (NotificationGroup.lineage). */
  lineage: string;
}

/**
 * The group, its recipients as units. A recipient's attempts are the group's earlier ones plus this message's
 * deliveries, so backoff, the last-attempt rules and the dead letter work per device as for a one-device message.
 * The unit's id is its send claim's owner (claim.ts) and names the device too (dead letters are stored once per
 * (queue, id)); it stays the same when the recipient is sent back in a new message (the group's lineage), as a
 * one-device message's id does across its deliveries: a later attempt then takes back a claim an earlier one
 * wrote but never heard answered, where another message's copy would wait for it to run out (5 minutes).
 */
export function openGroup(message: Message, group: NotificationGroup): Group {
  const lineage = group.lineage ?? message.id;
  const units = unpackGroup(group).map((body) => {
    const unit: Unit = {
      id: `${lineage}/${body.device_id}`,
      timestamp: message.timestamp,
      body,
      attempts: group.attempts + message.attempts,
      untried: false,
      ack: () => {
        unit.settled = { do: "ack" };
      },
      retry: (options) => {
        unit.settled = { do: "retry", delaySeconds: options?.delaySeconds ?? 0 };
      },
    };
    return unit;
  });
  return { message, units, lineage };
}

/**
 * Acks the group's message once its units are settled. Units to be retried go back in one message, after the
 * longest delay any of them asked for (so none comes back early, and a push held back behind one being retried
 * stays behind it); those past their last attempt go to notifications-dlq each, where the platform would have
 * moved a one-device message. Units the push budget left untried go back in a message of their own, at once and
 * with their attempts as they were: a large batch must not wear them out unsent. If any of this cannot be sent,
 * the whole message is retried: units already settled are then found settled in the log.
 */
export async function settleGroup(
  { message, units, lineage }: Group,
  deps: DispatchDeps,
  backoff: (m: Message) => number,
): Promise<"acked" | "regrouped" | "retried"> {
  const again = units.filter((u) => u.settled?.do !== "ack");
  const untried = again.filter((u) => u.untried);
  const tried = again.filter((u) => !u.untried);
  const exhausted = tried.filter((u) => u.attempts >= MAX_ATTEMPTS);
  const retried = tried.filter((u) => u.attempts < MAX_ATTEMPTS);
  try {
    await Promise.all([
      ...exhausted.map((u) => deps.deadLetter(deadLetterOf(QUEUES.notifications, u, "retries_exhausted"))),
      regroup(retried, { attempts: retried[0]?.attempts ?? 0, lineage }, deps),
      regroup(untried, { attempts: (untried[0]?.attempts ?? 1) - 1, lineage }, deps),
    ]);
    message.ack();
    return retried.length + untried.length > 0 ? "regrouped" : "acked";
  } catch (err) {
    deps.log("error", "dispatch_regroup_failed", {
      message_id: message.id,
      retried: retried.length,
      exhausted: exhausted.length,
      error: errorText(err),
    });
    message.retry({ delaySeconds: backoff(message) });
    return "retried";
  }
}

/** Puts units back on the queue in one message carrying their books, after the longest delay any asked for. */
async function regroup(
  units: Unit[],
  carried: { attempts: number; lineage: string },
  deps: DispatchDeps,
): Promise<void> {
  if (units.length === 0) return;
  const [body] = packNotifications(
    units.map((u) => u.body),
    MAX_RECIPIENTS,
    carried,
  );
  const delays = units.map((u) => (u.settled?.do === "retry" ? u.settled.delaySeconds : 0));
  await deps.resend(body!, Math.max(...delays));
}

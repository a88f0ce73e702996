// What arrives on the `notifications` queue: route's NotificationGroup (or the one-device NotificationMessage it sent
// before), and dispatch's own outcome records.
import {
  isGroupShaped,
  type LogKey,
  LogKeySchema,
  type NotificationGroup,
  NotificationGroupSchema,
  type NotificationMessage,
  NotificationMessageSchema,
  type OutcomeRecord,
  OutcomeRecordSchema,
} from "@buzz/queue";
import { describeIssues } from "@buzz/schema/contract";
import { toIssues } from "@buzz/schema/validate";

export type Parsed =
  | { kind: "notification"; body: NotificationMessage }
  | { kind: "group"; body: NotificationGroup }
  | { kind: "outcome"; body: OutcomeRecord }
  /** Cannot be sent as it is; `key` when its log row can still be marked. */
  | { kind: "malformed"; reason: string; key?: LogKey };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function parseNotification(body: unknown): Parsed {
  if (!isObject(body)) return { kind: "malformed", reason: "not a JSON object" };
  if (body.kind === "dispatch_outcome") {
    const outcome = OutcomeRecordSchema.safeParse(body);
    return outcome.success
      ? { kind: "outcome", body: outcome.data }
      : { kind: "malformed", reason: `dispatch_outcome: ${describeIssues(toIssues(outcome.error))}` };
  }
  if (isGroupShaped(body)) {
    // A malformed group names no log row here: the dead-letter recorder marks each recipient it can read.
    const group = NotificationGroupSchema.safeParse(body);
    if (!group.success) return { kind: "malformed", reason: describeIssues(toIssues(group.error)) };
    const { event_id, recipients } = group.data;
    return {
      kind: "group",
      body: {
        ...group.data,
        event_id: event_id.toLowerCase(),
        recipients: recipients.map((r) => ({ ...r, device_id: r.device_id.toLowerCase() })),
      },
    };
  }
  const keyed = LogKeySchema.safeParse(body);
  if (!keyed.success) return { kind: "malformed", reason: "event_id and device_id must be UUIDs" };
  const key = { event_id: keyed.data.event_id.toLowerCase(), device_id: keyed.data.device_id.toLowerCase() };
  const parsed = NotificationMessageSchema.safeParse(body);
  if (!parsed.success) return { kind: "malformed", reason: describeIssues(toIssues(parsed.error)), key };
  return { kind: "notification", body: { ...parsed.data, ...key } };
}

// Notification lanes: `notifications` is several queues ("notifications", "notifications-1", …), bound as
// NOTIFICATIONS, NOTIFICATIONS_1, … in wrangler.jsonc, each with its own consumer. One queue passes ~5 000
// messages a second to at most 250 invocations (docs/capacity.md): a final's goal needs more than one. A device's
// notifications always take the same lane, so its goal, amendment and cancellation queue behind one another in one
// place; dispatch still decides their order from the log (dispatch/order.ts), whatever the lanes do.

/** The lane of a device: its UUID's last 32 bits (random in v4 and v7 alike), modulo the number of lanes. */
export function laneOf(deviceId: string, lanes: number): number {
  const n = Number.parseInt(deviceId.slice(-8), 16);
  return Number.isSafeInteger(n) ? n % lanes : 0;
}

/** The lanes' producer bindings, in order: NOTIFICATIONS, then NOTIFICATIONS_1, … up to the first one missing. */
export function notificationLanes<Q>(env: { NOTIFICATIONS: Q }): Q[] {
  const bindings = env as unknown as Record<string, Q | undefined>;
  const lanes = [env.NOTIFICATIONS];
  for (let k = 1; bindings[`NOTIFICATIONS_${k}`] !== undefined; k++)
    lanes.push(bindings[`NOTIFICATIONS_${k}`]!);
  return lanes;
}

/**
 * The lane a `notifications` body belongs on: its device's (a group's first recipient's, an outcome record's);
 * lane 0 for a body that names none (a poison body dies there as it would anywhere).
 */
export function laneFor<Q>(lanes: readonly Q[], body: unknown): Q {
  const b = (typeof body === "object" && body !== null ? body : {}) as {
    device_id?: unknown;
    recipients?: { device_id?: unknown }[];
    log?: { device_id?: unknown };
  };
  const device =
    b.device_id ?? (Array.isArray(b.recipients) ? b.recipients[0]?.device_id : undefined) ?? b.log?.device_id;
  return lanes[typeof device === "string" ? laneOf(device, lanes.length) : 0]!;
}

/** `items` split by lane (index = lane), each in its original order. */
export function byLane<T>(items: readonly T[], lanes: number, deviceOf: (item: T) => string): T[][] {
  const split: T[][] = Array.from({ length: lanes }, () => []);
  for (const item of items) split[lanes === 1 ? 0 : laneOf(deviceOf(item), lanes)]!.push(item);
  return split;
}

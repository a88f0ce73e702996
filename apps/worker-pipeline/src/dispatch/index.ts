// The `notifications` consumer: one push request per recipient of each message (group.ts) — Web Push (RFC 8030 /
// 8291 aes128gcm / 8292 VAPID), or FCM / APNs / Expo for a device with a native token (src/dispatch/native):
//   2xx → delivered · 404/410 → subscription pruned · 408/429/5xx/network/timeout → retried with backoff and
//   jitter (Retry-After honoured), `dead` after the last attempt (to notifications-dlq: by the platform for a
//   one-device message, by dispatch for a group's recipient)
//   · refused (allow-list, invalid subscription, other 4xx) → `dead` and notifications-dlq at once.
// Every recipient ends its notification_log row in delivered, pruned or dead: the account closes.
import { withDb } from "@buzz/db";
import { laneFor, log, notificationLanes } from "@buzz/queue";
import { QUEUES } from "@buzz/schema/contract";
import { holdingFor } from "../outage/index.js";
import type { ChannelSender } from "./channel.js";
import { claimSends } from "./claim.js";
import { pushContext } from "./context.js";
import { createNativeSender, nativeContext } from "./native/index.js";
import { runDispatch } from "./run.js";
import { createSender } from "./send.js";
import { loadTargets, recordOutcomes } from "./store.js";

// Resolved per call, so a test (or a polyfill) that replaces the global fetch is seen.
const http = { fetch: ((input, init) => fetch(input, init)) as typeof fetch };
const sendWebPush = createSender(http);
const sendNative = createNativeSender(http);

/** Web Push or the device's native push service, by where the device's push goes now. */
const sender =
  (env: Env): ChannelSender =>
  (message, channel, context) =>
    channel.kind === "native"
      ? sendNative({ ...message, native: channel.target }, nativeContext(env, http))
      : sendWebPush(message, channel.subscription, context);

/**
 * Each Postgres step (read, claim, outcomes) waits in the invocation for Postgres to come back (src/outage), so the
 * pushes go out when it answers again instead of after the queue's retry delays, and outcomes of pushes already
 * sent are written rather than carried on the queue. Running a step again is safe: the reads change nothing; a
 * claim whose answer was lost is held by this invocation's token, which its rerun takes back (nothing was sent in
 * between) while another copy of the message still waits; an outcome written again leaves a finished row as it
 * was and counts a retrying row's requests twice.
 */
export async function dispatch(batch: MessageBatch, env: Env, ctx: ExecutionContext): Promise<void> {
  const lanes = notificationLanes(env);
  const held = holdingFor(env, ctx);
  await withDb(
    env,
    ctx,
    (db) =>
      runDispatch(batch.messages, {
        load: (keys) => held(() => loadTargets(db, keys)),
        claim: (keys) => held(() => claimSends(db, keys)),
        record: (logs, channels) => held(() => recordOutcomes(db, logs, channels)),
        context: () => pushContext(env),
        send: sender(env),
        deadLetter: (body) => env.NOTIFICATIONS_DLQ.send(body, { contentType: "json" }),
        // Back on the device's lane (the one the batch came from).
        carry: (record) => laneFor(lanes, record).send(record, { contentType: "json" }),
        resend: (group, delaySeconds) =>
          laneFor(lanes, group).send(group, { contentType: "json", delaySeconds }),
        log: (level, msg, fields) => log(level, msg, { queue: QUEUES.notifications, ...fields }),
      }),
    // One connection, held from the first read to the last write; the other five are for push requests.
    { maxConnections: 1 },
  );
}

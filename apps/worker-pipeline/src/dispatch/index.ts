// The `notifications` consumer: one push request per message — Web Push (RFC 8030 / 8291 aes128gcm / 8292 VAPID),
// or FCM / APNs / Expo for a device with a native token (src/dispatch/native):
//   2xx → delivered · 404/410 → subscription pruned · 408/429/5xx/network/timeout → retried with backoff and
//   jitter (Retry-After honoured), `dead` after the last attempt (the platform moves it to notifications-dlq)
//   · refused (allow-list, invalid subscription, other 4xx) → `dead` and notifications-dlq at once.
// Every message ends its notification_log row in delivered, pruned or dead: the account closes.
import { withDb } from "../db/index.js";
import type { NativeNotification } from "../messages/index.js";
import { type ChannelSender, isNative } from "./channel.js";
import { pushContext } from "./context.js";
import { createNativeSender, nativeContext } from "./native/index.js";
import { runDispatch } from "./run.js";
import { createSender } from "./send.js";
import { loadTargets, recordOutcomes } from "./store.js";

export { MAX_ATTEMPTS } from "./outcome.js";
export type { OutcomeRecord } from "./messages.js";

// Resolved per call, so a test (or a polyfill) that replaces the global fetch is seen.
const http = { fetch: ((input, init) => fetch(input, init)) as typeof fetch };
const sendWebPush = createSender(http);
const sendNative = createNativeSender(http);

/** Web Push or the device's native push service, by where the device's push goes now. */
const sender = (env: Env): ChannelSender => (message, channel, context) =>
  isNative(channel)
    ? sendNative({ ...message, native: channel.native } as NativeNotification, nativeContext(env, http))
    : sendWebPush(message, channel, context);

export async function dispatch(batch: MessageBatch, env: Env, ctx: ExecutionContext): Promise<void> {
  await withDb(
    env,
    ctx,
    (db) =>
      runDispatch(batch.messages, {
        load: (keys) => loadTargets(db, keys),
        record: (logs, subscriptions) => recordOutcomes(db, logs, subscriptions),
        context: () => pushContext(env),
        send: sender(env),
        deadLetter: (body) => env.NOTIFICATIONS_DLQ.send(body, { contentType: "json" }),
        carry: (record) => env.NOTIFICATIONS.send(record, { contentType: "json" }),
        log,
      }),
    // One connection, held from the first read to the last write; the other five are for push requests.
    { maxConnections: 1 },
  );
}

/** One JSON object per line, so `wrangler tail` and Workers Logs can filter on the fields. */
function log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, msg, queue: "notifications", ...fields });
  if (level === "info") console.log(line);
  else if (level === "warn") console.warn(line);
  else console.error(line);
}

import { errorText } from "@buzz/db";
import {
  backoffSeconds,
  log,
  mapLimit,
  parseMessage,
  type WebhookDeliveryMessage,
  WebhookDeliveryMessageSchema,
} from "@buzz/queue";
import { type AttemptResult, type Outcome, outcomeOf, WEBHOOK_BACKOFF } from "./outcome.js";
import { deliveryIdOf, webhookBody, webhookMessageId } from "./payload.js";
import { importSigningKey, signature } from "./sign.js";
import {
  type AttemptRecord,
  type DeliveryKey,
  type DeliveryStore,
  keyOf,
  type Targets,
  type Webhook,
} from "./store.js";

export interface DeliverOptions {
  fetch: typeof fetch;
  /** Simultaneous requests to receivers. A Worker invocation has 6 connections in all, and the db holds one. */
  concurrency?: number;
  timeoutMs?: number;
}

/** Standard Webhooks suggests 15–30 s; live-match consumers want to hear sooner that something is wrong. */
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CONCURRENCY = 4;

type Delivery = DeliveryKey & { messages: Message[]; body: WebhookDeliveryMessage };

/**
 * Delivers a batch of `webhook-deliveries`: one signed POST per (webhook, event), then each message is acked
 * or retried. Delivered, dead (a 4xx that retrying cannot fix) and gone (410: the webhook is removed) are
 * acked; a retry carries a backoff delay that honours Retry-After, and after the last one the platform moves
 * the message to webhook-deliveries-dlq. Nothing is acked before its outcome is stored: if Postgres fails,
 * the whole batch is retried.
 */
export async function deliverBatch(
  batch: MessageBatch<unknown>,
  store: DeliveryStore,
  options: DeliverOptions,
): Promise<void> {
  const deliveries = new Map<string, Delivery>();
  for (const message of batch.messages) {
    const parsed = parseMessage(WebhookDeliveryMessageSchema, message.body);
    if (!parsed.ok) {
      // Only our fan-out writes this queue, so this is a bug, not input: retried without delay until the
      // platform dead-letters it, where it is recorded and can be inspected.
      log("error", "webhook_message_invalid", {
        queue: batch.queue,
        message_id: message.id,
        attempts: message.attempts,
        issues: parsed.issues.slice(0, 5),
      });
      message.retry();
      continue;
    }
    const body = parsed.value;
    const key = { webhookId: body.webhook_id, eventId: deliveryIdOf(body) };
    const delivery = deliveries.get(keyOf(key)) ?? { ...key, messages: [], body };
    delivery.messages.push(message);
    deliveries.set(keyOf(key), delivery);
  }
  if (deliveries.size === 0) return;

  const all = [...deliveries.values()];
  let targets: Targets;
  try {
    targets = await store.targets(all);
  } catch (err) {
    return retryAll(all, "webhook_store_unavailable", err);
  }

  const toSend: { delivery: Delivery; webhook: Webhook }[] = [];
  for (const delivery of all) {
    const webhook = targets.webhooks.get(delivery.webhookId);
    const status = targets.statuses.get(keyOf(delivery));
    if (!webhook || status === "delivered" || status === "dead") {
      // Deleted (or gone after a 410) since the fan-out, or a redelivered message already settled.
      log("info", "webhook_delivery_skipped", {
        webhook_id: delivery.webhookId,
        event_id: delivery.eventId,
        reason: webhook ? status : "webhook_deleted",
      });
      for (const m of delivery.messages) m.ack();
    } else {
      toSend.push({ delivery, webhook });
    }
  }

  const keys = new Map<string, Promise<CryptoKey>>();
  const keyFor = (w: Webhook) => keys.get(w.id) ?? keys.set(w.id, importSigningKey(w.secret)).get(w.id)!;
  const outcomes = await mapLimit(
    toSend,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    async ({ delivery, webhook }) => {
      const attempts = Math.max(...delivery.messages.map((m) => m.attempts));
      const result = await attempt(webhook, await keyFor(webhook), delivery.body, options);
      return { delivery, outcome: outcomeOf(result, attempts) };
    },
  );

  try {
    await store.record(
      outcomes.flatMap(({ delivery, outcome }) =>
        outcome.kind === "gone" ? [] : [recordOf(delivery, outcome)],
      ),
    );
    await store.remove([
      ...new Set(outcomes.filter((o) => o.outcome.kind === "gone").map((o) => o.delivery.webhookId)),
    ]);
  } catch (err) {
    // Sent but not recorded: sending again is safe (receivers deduplicate on webhook-id), losing track is not.
    return retryAll(
      outcomes.map((o) => o.delivery),
      "webhook_record_failed",
      err,
    );
  }

  for (const { delivery, outcome } of outcomes) {
    log(outcome.kind === "delivered" ? "info" : "warn", `webhook_${outcome.kind}`, {
      webhook_id: delivery.webhookId,
      event_id: delivery.eventId,
      attempts: Math.max(...delivery.messages.map((m) => m.attempts)),
      ...detail(outcome),
    });
    for (const m of delivery.messages) {
      if (outcome.kind === "retry") m.retry({ delaySeconds: outcome.delaySeconds });
      else m.ack();
    }
  }
}

async function attempt(
  webhook: Webhook,
  key: CryptoKey,
  message: WebhookDeliveryMessage,
  options: DeliverOptions,
): Promise<AttemptResult> {
  const id = webhookMessageId(deliveryIdOf(message));
  const timestamp = Math.floor(Date.now() / 1000);
  const body = webhookBody(message);
  try {
    const res = await options.fetch(webhook.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": await signature(key, id, timestamp, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    // The answer's body is not read; cancelling it frees the connection for the next request.
    await res.body?.cancel().catch(() => {});
    return { status: res.status, retryAfter: res.headers.get("retry-after") };
  } catch (err) {
    return { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

function recordOf(delivery: Delivery, outcome: Exclude<Outcome, { kind: "gone" }>): AttemptRecord {
  const status = outcome.kind === "retry" ? "retrying" : outcome.kind;
  return { webhookId: delivery.webhookId, eventId: delivery.eventId, status, httpStatus: outcome.status };
}

function detail(outcome: Outcome): Record<string, unknown> {
  return outcome.kind === "retry"
    ? { http_status: outcome.status, delay_seconds: outcome.delaySeconds, reason: outcome.reason }
    : { http_status: outcome.status };
}

function retryAll(deliveries: Delivery[], msg: string, err: unknown): void {
  log("error", msg, { deliveries: deliveries.length, error: errorText(err) });
  for (const d of deliveries)
    for (const m of d.messages)
      m.retry({ delaySeconds: backoffSeconds(m.attempts, undefined, WEBHOOK_BACKOFF) });
}

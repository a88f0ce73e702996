import { withDb } from "@buzz/db";
import { describeIssues, isUuid } from "@buzz/schema/contract";
import { toIssues } from "@buzz/schema/validate";
import { type Context, Hono } from "hono";
import { requireAdmin } from "../auth/admin.js";
import { DomainError } from "../errors/index.js";
import type { AppEnv } from "../request/app-env.js";
import { limitBody, parseJson, readBody } from "../request/body.js";
import { type WebhookInput, webhookInputSchema } from "./input.js";
import { newWebhookSecret } from "./secret.js";
import { createWebhook, deleteWebhook, listWebhooks, replaceSecret } from "./store.js";

/** A registration is a URL and a few event types; anything near this is not one. */
const WEBHOOK_BODY_LIMIT = 16 * 1024;

/**
 * Outbound webhooks (admin): other consumers of the feed (betting, TV graphics) register a URL and the event
 * types they want; the pipeline delivers each event signed per Standard Webhooks (src/webhooks in
 * apps/worker-pipeline). The signing secret is shown at creation and rotation only. Input is checked before
 * the database is opened, so a refused request stores nothing.
 */
export const webhooks = new Hono<AppEnv>()
  .use("/ops/webhooks/*", requireAdmin, limitBody(WEBHOOK_BODY_LIMIT))
  .post("/ops/webhooks", async (c) => {
    const input = await body(c);
    const secret = newWebhookSecret();
    const created = await db(c, (db) => createWebhook(db, input.url, input.event_types, secret));
    return c.json({ ...created, secret }, 201);
  })
  .get("/ops/webhooks", async (c) => c.json({ webhooks: await db(c, listWebhooks) }))
  .delete("/ops/webhooks/:id", async (c) => {
    const id = webhookIdOf(c.req.param("id"));
    if (!(await db(c, (db) => deleteWebhook(db, id)))) throw notFound(id);
    return c.body(null, 204);
  })
  /** A new secret, effective for the next attempt of every delivery (no overlap: the old one stops at once). */
  .post("/ops/webhooks/:id/rotate-secret", async (c) => {
    const id = webhookIdOf(c.req.param("id"));
    const secret = newWebhookSecret();
    if (!(await db(c, (db) => replaceSecret(db, id, secret)))) throw notFound(id);
    return c.json({ id, secret });
  });

async function body(c: Context<AppEnv>): Promise<WebhookInput> {
  const raw = parseJson(await readBody(c.req.raw));
  const parsed = webhookInputSchema(c.env.WEBHOOK_ALLOW_LOOPBACK === "true").safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = toIssues(parsed.error);
  throw new DomainError(422, "validation_failed", `invalid webhook: ${describeIssues(issues)}`, issues);
}

function db<T>(c: Context<AppEnv>, fn: Parameters<typeof withDb<T>>[2]): Promise<T> {
  return withDb(c.env, c.executionCtx, fn);
}

function webhookIdOf(raw: string): string {
  if (isUuid(raw)) return raw.toLowerCase();
  throw new DomainError(400, "invalid_webhook_id", "webhook id must be a UUID", [
    { path: ["id"], message: "must be a UUID" },
  ]);
}

function notFound(id: string): DomainError {
  return new DomainError(404, "webhook_not_found", `no webhook ${id}`);
}

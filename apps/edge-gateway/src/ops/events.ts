import type { Context } from "hono";
import { ingestEvents } from "../ingest/events.js";
import type { AppEnv } from "../request/app-env.js";
import { parseJson, readBody } from "../request/body.js";
import { matchIdOf } from "../request/params.js";

/**
 * The operations console's own routes (admin token). `POST /v1/ops/matches/{id}/events` is the signed
 * ingest without the signature: how an operator acts as the referee (a VAR GOAL_CANCELLED, a missed card).
 * Same body, validation, limits and answers; any source system, any match.
 */
export async function refereeEvents(c: Context<AppEnv>) {
  const receivedAt = new Date().toISOString();
  const matchId = matchIdOf(c.req.param("id"));
  const body = parseJson(await readBody(c.req.raw));
  return c.json(await ingestEvents(c.env, matchId, body, receivedAt), 202);
}

import { Hono } from "hono";
import { describeIssues, MAX_BATCH_EVENTS, parseIngestBody, type IngestResponse, type Issue } from "@buzz/schema";
import { allowsMatch, allowsSystem } from "../auth/keys.js";
import { authenticateSource } from "../auth/source.js";
import { ApiError, unwrap } from "../errors/index.js";
import { roomOf } from "../matches/room.js";
import type { AppEnv } from "../request/app-env.js";
import { parseJson } from "../request/body.js";
import { matchIdOf } from "../request/params.js";

/**
 * `POST /v1/matches/{id}/events` from a signed source: one event or `{"events": [...]}`, sequenced all
 * or nothing. Every refusal happens before the room is asked, so a refused request changes nothing.
 */
export const ingest = new Hono<AppEnv>().post("/matches/:id/events", async (c) => {
  const receivedAt = new Date().toISOString();
  const { key, body } = await authenticateSource(c.req.raw, c.env);
  const matchId = matchIdOf(c.req.param("id"));
  if (!allowsMatch(key, matchId)) throw new ApiError(403, "forbidden", `key ${key.id} may not send events for match ${matchId}`);

  const parsed = parseIngestBody(parseJson(body), batchLimit(c.env));
  if (!parsed.ok) {
    const status = parsed.code === "batch_too_large" ? 413 : 422;
    throw new ApiError(status, parsed.code, `${parsed.message}: ${describeIssues(parsed.issues)}`, parsed.issues);
  }

  const refused: Issue[] = [];
  parsed.events.forEach((e, i) => {
    if (!allowsSystem(key, e.source.system)) {
      const path = parsed.batch ? ["events", i, "source", "system"] : ["source", "system"];
      refused.push({ path, message: `key ${key.id} may not send events from ${e.source.system}` });
    }
  });
  if (refused.length) throw new ApiError(403, "forbidden", `${describeIssues(refused)}`, refused);

  const { results } = unwrap(await roomOf(c.env, matchId).ingest(matchId, parsed.events, receivedAt));
  return c.json({ results } satisfies IngestResponse, 202);
});

function batchLimit(env: Env): number {
  const limit = Number(env.MAX_BATCH_EVENTS);
  return Number.isSafeInteger(limit) && limit > 0 ? limit : MAX_BATCH_EVENTS;
}

import { Hono } from "hono";
import { allowsMatch, allowsSystem } from "../auth/keys.js";
import { authenticateSource } from "../auth/source.js";
import { DomainError } from "../errors/index.js";
import { enforce } from "../rate-limit/index.js";
import type { AppEnv } from "../request/app-env.js";
import { parseJson } from "../request/body.js";
import { matchIdOf } from "../request/params.js";
import { ingestEvents } from "./events.js";

/**
 * `POST /v1/matches/{id}/events` from a signed source: one event or `{"events": [...]}`, sequenced all
 * or nothing; a key may only send for its matches and its source systems.
 */
export const ingest = new Hono<AppEnv>().post("/matches/:id/events", async (c) => {
  const receivedAt = new Date().toISOString();
  const { key, body } = await authenticateSource(c.req.raw, c.env);
  const matchId = matchIdOf(c.req.param("id"));
  if (!allowsMatch(key, matchId))
    throw new DomainError(403, "forbidden", `key ${key.id} may not send events for match ${matchId}`);
  await enforce(
    c.env,
    "INGEST_BY_KEY",
    `${key.id}/${matchId}`,
    `too many requests from key ${key.id} for match ${matchId}`,
  );

  const response = await ingestEvents(c.env, matchId, parseJson(body), receivedAt, (e) =>
    allowsSystem(key, e.source.system) ? null : `key ${key.id} may not send events from ${e.source.system}`,
  );
  return c.json(response, 202);
});

import { withDb } from "@buzz/db";
import {
  DEAD_LETTER_STATES,
  type DeadLetterState,
  isUuid,
  type QueueName,
  SOURCE_QUEUES,
  sourceQueueOf,
} from "@buzz/schema/contract";
import { Hono } from "hono";
import { requireAdmin } from "../auth/admin.js";
import { DomainError, unwrap } from "../errors/index.js";
import { roomOf } from "../matches/room.js";
import type { AppEnv } from "../request/app-env.js";
import { intParam, matchIdOf } from "../request/params.js";
import { listDeadLetters } from "./dead-letters.js";
import { refereeEvents } from "./events.js";
import { opsHealth } from "./health.js";
import { matchTimings } from "./latency.js";
import { redrive } from "./redrive.js";

export const DEAD_LETTERS_PAGE_DEFAULT = 50;
export const DEAD_LETTERS_PAGE_MAX = 200;

/**
 * `/v1/ops/*` (admin token): the pipeline's health, its repair tools, and the console acting as referee. Every
 * input is checked before Postgres or a room is asked, so bad input is a 4xx that changes nothing.
 */
export const ops = new Hono<AppEnv>()
  .get("/ops/health", requireAdmin, async (c) => c.json(await opsHealth(c.env, c.executionCtx)))
  .get("/ops/matches/:id/latency", requireAdmin, async (c) => {
    const matchId = matchIdOf(c.req.param("id"));
    return c.json({ events: await matchTimings(c.env, c.executionCtx, matchId) });
  })
  /**
   * Re-runs the match's whole log through the pipeline: 202 {events}. Projections downstream are rebuilt from
   * it; every stage deduplicates by event_id, and a notification is logged once per (event, device), so no
   * device is notified twice.
   */
  .post("/ops/matches/:id/replay", requireAdmin, async (c) => {
    const matchId = matchIdOf(c.req.param("id"));
    const { events } = unwrap(await roomOf(c.env, matchId).requeueLog());
    return c.json({ events }, 202);
  })
  .get("/ops/dead-letters", requireAdmin, async (c) => {
    const filter = {
      queue: queueParam(c.req.query("queue")),
      state: stateParam(c.req.query("state")),
      limit: limitParam(c.req.query("limit")),
    };
    return c.json({
      dead_letters: await withDb(c.env, c.executionCtx, (db) => listDeadLetters(db, filter), {
        maxConnections: 1,
      }),
    });
  })
  .post("/ops/dead-letters/:id/redrive", requireAdmin, async (c) => {
    const id = c.req.param("id");
    if (!isUuid(id))
      throw new DomainError(400, "invalid_id", `not a dead letter id: ${JSON.stringify(id)}`, [
        { path: ["id"], message: "expected a uuid" },
      ]);
    return c.json(
      await withDb(c.env, c.executionCtx, (db) => redrive(db, c.env, id.toLowerCase()), {
        maxConnections: 1,
      }),
      202,
    );
  })
  .post("/ops/matches/:id/events", requireAdmin, refereeEvents);

/** A source queue ("notifications") or its dead-letter queue ("notifications-dlq"): the same letters. */
function queueParam(raw: string | undefined): QueueName | undefined {
  if (raw === undefined) return undefined;
  const name = sourceQueueOf(raw);
  if (name) return name;
  throw new DomainError(
    400,
    "invalid_query",
    `queue must be one of ${SOURCE_QUEUES.join(", ")} (or its -dlq), got ${JSON.stringify(raw)}`,
    [{ path: ["queue"], message: `expected one of ${SOURCE_QUEUES.join(", ")}` }],
  );
}

function stateParam(raw: string | undefined): DeadLetterState | undefined {
  if (raw === undefined) return undefined;
  if ((DEAD_LETTER_STATES as readonly string[]).includes(raw)) return raw as DeadLetterState;
  throw new DomainError(
    400,
    "invalid_query",
    `state must be one of ${DEAD_LETTER_STATES.join(", ")}, got ${JSON.stringify(raw)}`,
    [{ path: ["state"], message: `expected one of ${DEAD_LETTER_STATES.join(", ")}` }],
  );
}

const limitParam = (raw: string | undefined) =>
  intParam("limit", raw, DEAD_LETTERS_PAGE_DEFAULT, 1, DEAD_LETTERS_PAGE_MAX);

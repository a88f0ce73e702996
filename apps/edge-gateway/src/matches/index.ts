import { errorText } from "@buzz/db";
import { describeIssues, MATCH_STATUSES, type MatchStatus } from "@buzz/schema/contract";
import { FixtureInputSchema, IdSchema, toIssues } from "@buzz/schema/validate";
import { Hono } from "hono";
import { requireAdmin } from "../auth/admin.js";
import { directoryOf } from "../directory/index.js";
import { DomainError, unwrap } from "../errors/index.js";
import type { AppEnv } from "../request/app-env.js";
import { parseJson, readBody } from "../request/body.js";
import { matchIdOf } from "../request/params.js";
import { mirrorFixture } from "./mirror.js";
import { cacheControlOf, eventPages, eventsOf, pageOf } from "./page-cache.js";
import { roomOf } from "./room.js";

export const matches = new Hono<AppEnv>()
  /** Admin: create or update a fixture; 201 when it is new, 200 when it replaced one. */
  .put("/matches/:id", requireAdmin, async (c) => {
    const matchId = matchIdOf(c.req.param("id"));
    const parsed = FixtureInputSchema.safeParse(parseJson(await readBody(c.req.raw)));
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      throw new DomainError(422, "validation_failed", `invalid fixture: ${describeIssues(issues)}`, issues);
    }
    const { created, state } = unwrap(await roomOf(c.env, matchId).putFixture(parsed.data));
    try {
      await mirrorFixture(c.env, matchId, parsed.data);
    } catch (err) {
      console.error(
        JSON.stringify({ msg: "fixture mirror failed", match_id: matchId, error: errorText(err) }),
      );
      throw new DomainError(
        503,
        "mirror_unavailable",
        "the fixture is live, but the copy routing uses could not be written: PUT it again",
        undefined,
        { "Retry-After": "5" },
      );
    }
    return c.json(state, created ? 201 : 200);
  })
  .get("/matches", async (c) => {
    const status = c.req.query("status");
    const competition = c.req.query("competition");
    if (status !== undefined && !(MATCH_STATUSES as readonly string[]).includes(status)) {
      throw new DomainError(
        400,
        "invalid_query",
        `status must be one of ${MATCH_STATUSES.join(", ")}, got ${JSON.stringify(status)}`,
        [{ path: ["status"], message: `expected one of ${MATCH_STATUSES.join(", ")}` }],
      );
    }
    if (competition !== undefined && !IdSchema.safeParse(competition).success) {
      throw new DomainError(
        400,
        "invalid_query",
        `competition is not a valid id: ${JSON.stringify(competition)}`,
        [{ path: ["competition"], message: "not a valid id" }],
      );
    }
    const list = await directoryOf(c.env).list({ status: status as MatchStatus | undefined, competition });
    return c.json({ matches: list });
  })
  .get("/matches/:id", async (c) => {
    const matchId = matchIdOf(c.req.param("id"));
    return c.json(unwrap(await roomOf(c.env, matchId).view()));
  })
  .get("/matches/:id/events", eventPages, async (c) => {
    const matchId = matchIdOf(c.req.param("id"));
    const page = pageOf(c);
    const read = unwrap(await roomOf(c.env, matchId).events(page.after, page.limit));
    const events = eventsOf(page, read.events);
    const answer = { events, next_after: events.at(-1)?.sequence_number ?? page.after };
    return c.json(answer, 200, { "Cache-Control": cacheControlOf(events.length, page.limit) });
  });

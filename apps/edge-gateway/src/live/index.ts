import { Hono } from "hono";
import { openList } from "../directory/index.js";
import { DomainError } from "../errors/index.js";
import { openLive } from "../live-shard/route.js";
import type { AppEnv } from "../request/app-env.js";
import { intParam, matchIdOf } from "../request/params.js";

/**
 * The live feeds are served by the room itself, or by one of its fan-out shards once it is full (live-shard/);
 * the gateway only refuses what is malformed and hands the request over unchanged, naming the match.
 */
export const live = new Hono<AppEnv>()
  .get("/matches/:id/live", (c) => {
    const matchId = matchIdOf(c.req.param("id"));
    requireUpgrade(c.req.raw);
    intParam("after", c.req.query("after"), 0);
    return openLive(c.env, matchId, c.req.raw);
  })
  .get("/live/matches", (c) => {
    requireUpgrade(c.req.raw);
    return openList(c.env, c.req.raw);
  })
  .get("/matches/:id/stream", (c) => {
    const matchId = matchIdOf(c.req.param("id"));
    intParam("after", c.req.query("after"), 0);
    intParam("Last-Event-ID", c.req.header("Last-Event-ID"), 0);
    if (c.req.method === "HEAD")
      return headOf(openLive(c.env, matchId, new Request(c.req.raw, { method: "GET" })));
    return openLive(c.env, matchId, c.req.raw);
  });

/** A stream never ends, so the runtime would hold a HEAD until it did: answer the GET's status and headers, no body. */
async function headOf(pending: Promise<Response>): Promise<Response> {
  const res = await pending;
  await res.body?.cancel();
  return new Response(null, { status: res.status, headers: res.headers });
}

export function requireUpgrade(req: Request) {
  if (req.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
    throw new DomainError(
      426,
      "upgrade_required",
      "this endpoint is a WebSocket: send Upgrade: websocket",
      undefined,
      { Upgrade: "websocket" },
    );
  }
}

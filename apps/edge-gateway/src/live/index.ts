import { Hono } from "hono";
import { ApiError } from "../errors/index.js";
import { MATCH_ID_HEADER } from "../match-room/contract.js";
import { directoryOf } from "../directory/index.js";
import { roomOf } from "../matches/room.js";
import type { AppEnv } from "../request/app-env.js";
import { intParam, matchIdOf } from "../request/params.js";

/**
 * The live feeds are served by the room itself (it holds the sockets, with hibernation); the gateway only
 * refuses what is malformed and hands the request over unchanged, naming the match.
 */
export const live = new Hono<AppEnv>()
  .get("/matches/:id/live", (c) => {
    const matchId = matchIdOf(c.req.param("id"));
    requireUpgrade(c.req.raw);
    intParam("after", c.req.query("after"), 0);
    return forward(c.env, matchId, c.req.raw);
  })
  .get("/live/matches", (c) => {
    requireUpgrade(c.req.raw);
    return directoryOf(c.env).fetch(c.req.raw);
  })
  .get("/matches/:id/stream", (c) => {
    const matchId = matchIdOf(c.req.param("id"));
    intParam("after", c.req.query("after"), 0);
    intParam("Last-Event-ID", c.req.header("Last-Event-ID"), 0);
    return forward(c.env, matchId, c.req.raw);
  });

function requireUpgrade(req: Request) {
  if (req.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(426, "upgrade_required", "this endpoint is a WebSocket: send Upgrade: websocket", undefined, { Upgrade: "websocket" });
  }
}

function forward(env: Env, matchId: string, req: Request): Promise<Response> {
  const headers = new Headers(req.headers);
  headers.set(MATCH_ID_HEADER, matchId);
  return roomOf(env, matchId).fetch(new Request(req, { headers }));
}

import { Hono } from "hono";
import { requireUpgrade } from "../live/index.js";
import type { AppEnv } from "../request/app-env.js";
import { parseMatches } from "./parse.js";
import { openMultiplex } from "./relay.js";

/** `GET /v1/live?matches=ID:AFTER,...`: one WebSocket carrying the live feeds of many matches (v1.1). */
export const multiplex = new Hono<AppEnv>().get("/live", (c) => {
  requireUpgrade(c.req.raw);
  return openMultiplex(c.env, parseMatches(c.req.query("matches")));
});

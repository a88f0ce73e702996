import { Hono } from "hono";
import { requireAdmin } from "../auth/admin.js";
import { unwrap } from "../errors/index.js";
import type { AppEnv } from "../request/app-env.js";
import { parseJson, readBody } from "../request/body.js";
import { simulationsOf } from "./object.js";
import { parseStart } from "./request.js";

export const LIST_LIMIT = 50;

/**
 * Replays of 2018 matches run by the platform itself (admin): the operations page starts one at a chosen
 * speed, shows its progress and can cancel it. The Simulation object sends the events; no request waits.
 */
export const simulations = new Hono<AppEnv>()
  .post("/ops/simulations", requireAdmin, async (c) => {
    const spec = parseStart(parseJson(await readBody(c.req.raw)));
    const started = unwrap(await simulationsOf(c.env).start(spec));
    return c.json(started, 202, { Location: `/v1/ops/simulations/${started.simulation_id}` });
  })
  .get("/ops/simulations", requireAdmin, async (c) =>
    c.json({ simulations: await simulationsOf(c.env).list(LIST_LIMIT) }),
  )
  .get("/ops/simulations/:id", requireAdmin, async (c) =>
    c.json(unwrap(await simulationsOf(c.env).status(c.req.param("id")))),
  )
  .delete("/ops/simulations/:id", requireAdmin, async (c) => {
    unwrap(await simulationsOf(c.env).cancel(c.req.param("id")));
    return c.body(null, 204);
  });

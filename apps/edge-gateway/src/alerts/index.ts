import type { AlertsResponse } from "@buzz/schema/contract";
import { Hono } from "hono";
import { requireAdmin } from "../auth/admin.js";
import type { AppEnv } from "../request/app-env.js";
import { alertsOf } from "./monitor.js";

/** `GET /v1/ops/alerts` (admin, contract v1.1): every rule that has fired, firing or resolved. */
export const alerts = new Hono<AppEnv>().get("/ops/alerts", requireAdmin, async (c) =>
  c.json({ alerts: await alertsOf(c.env).list() } satisfies AlertsResponse),
);

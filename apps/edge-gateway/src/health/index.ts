import { Hono } from "hono";
import type { AppEnv } from "../request/app-env.js";

/** Liveness of the gateway: answering at all is the signal. */
export const health = new Hono<AppEnv>().get("/health", (c) => c.json({ ok: true }));

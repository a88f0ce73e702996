import { Hono } from "hono";
import { DomainError } from "../errors/index.js";
import type { AppEnv } from "../request/app-env.js";

/** The VAPID public key a browser passes to pushManager.subscribe() as its applicationServerKey. */
export const push = new Hono<AppEnv>().get("/push/vapid-public-key", (c) => {
  const key = c.env.VAPID_PUBLIC_KEY;
  if (!key)
    throw new DomainError(
      503,
      "push_not_configured",
      "push is not configured on this server (VAPID_PUBLIC_KEY is not set)",
    );
  return c.json({ key });
});

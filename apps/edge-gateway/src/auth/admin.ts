import type { ErrorBody } from "@buzz/schema/contract";
import type { Context } from "hono";
import { bearerAuth } from "hono/bearer-auth";

/** Hono answers a refused bearer in its own words; these keep the contract's 401 and error shape. */
const refuse = (message: string) => () =>
  Response.json({ error: { code: "unauthorized", message } } satisfies ErrorBody, { status: 401 });
const ASK = "admin endpoint: send Authorization: Bearer <admin token>";

/** Admin endpoints: `Authorization: Bearer <ADMIN_TOKEN>` (Hono's bearer auth), compared in constant time. */
export const requireAdmin = bearerAuth({
  verifyToken: async (token, c: Context<{ Bindings: Env }>) =>
    !!c.env.ADMIN_TOKEN && (await sameSecret(token, c.env.ADMIN_TOKEN)),
  noAuthenticationHeader: { message: refuse(ASK) },
  invalidAuthenticationHeader: { message: refuse(ASK) },
  invalidToken: { message: refuse("invalid admin token") },
});

/** Hashing first gives equal-length inputs, so the comparison time says nothing about the token's length. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", enc.encode(given)),
    crypto.subtle.digest("SHA-256", enc.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

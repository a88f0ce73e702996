import { type Db, FOREIGN_KEY_VIOLATION, openDb, sqlState } from "@buzz/db";
import { createMiddleware } from "hono/factory";
import { DomainError } from "../errors/index.js";
import { type DeviceRow, findDeviceByTokenHash } from "./store.js";
import { TOKEN_PATTERN, tokenHash } from "./token.js";

/** Hono environment of the device routes: the request's database and, once authenticated, its device. */
export type DeviceEnv = { Bindings: Env; Variables: { db: () => Db; device: DeviceRow } };

/**
 * The request's database, opened on first use (a request refused for its body or token never opens one) and
 * ended after the response has gone: Workers cannot reuse a connection across requests.
 */
export const withDatabase = createMiddleware<DeviceEnv>(async (c, next) => {
  let handle: ReturnType<typeof openDb> | undefined;
  c.set("db", () => (handle ??= openDb(c.env)).db);
  try {
    await next();
  } finally {
    if (handle) c.executionCtx.waitUntil(handle.close().catch(() => {}));
  }
});

/** `Authorization: Bearer <device token>` → the device, or 401. A malformed token never reaches the database. */
export const requireDevice = createMiddleware<DeviceEnv>(async (c, next) => {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("Authorization") ?? "")?.[1];
  if (!token)
    throw new DomainError(
      401,
      "unauthorized",
      "device endpoint: send Authorization: Bearer <device token> (from POST /v1/devices)",
    );
  const device = TOKEN_PATTERN.test(token)
    ? await findDeviceByTokenHash(c.get("db")(), await tokenHash(token))
    : undefined;
  if (!device) throw new DomainError(401, "unauthorized", "unknown device token");
  c.set("device", device);
  await next();
});

/**
 * For a device write's failure: the device was deleted after the request authenticated (a DELETE /v1/devices/me
 * at the same time), and the rows' foreign key to it refused them. Its token is unknown now: 401, as the next
 * request would get, instead of a 500. Anything else is rethrown.
 */
export function unlessDeviceGone(err: unknown): never {
  if (sqlState(err) === FOREIGN_KEY_VIOLATION)
    throw new DomainError(401, "unauthorized", "this device was deleted while the request ran");
  throw err;
}

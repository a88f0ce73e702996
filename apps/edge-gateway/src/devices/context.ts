import {
  type Db,
  FOREIGN_KEY_VIOLATION,
  INVALID_AUTHORIZATION,
  openDb,
  runInOneTrip,
  type SQL,
  sql,
  sqlState,
} from "@buzz/db";
import { createMiddleware } from "hono/factory";
import { DomainError } from "../errors/index.js";
import { TOKEN_PATTERN, tokenHash } from "./token.js";

/**
 * The device a request's token names, as its statements name it: `id` is the SQL of its id, looked up from the
 * token's hash by the statement itself (drizzle/0014's device_for_token, which fails the statement when no device
 * has the token). The request then authenticates in the round trip of its own work instead of one before it.
 */
export interface DeviceRef {
  id: SQL;
}

/** The DeviceRef of a token whose SHA-256 is `hash` (token.ts). */
export const deviceRef = (hash: string): DeviceRef => ({ id: sql`(select device_for_token(${hash}))` });

/** Hono environment of the device routes: the request's database and, once it sent a token, its device. */
export type DeviceEnv = { Bindings: Env; Variables: { db: () => Db; device: DeviceRef } };

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

/**
 * `Authorization: Bearer <device token>` → the request's DeviceRef; a missing or malformed token is a 401 that
 * never reaches the database. Whether a device has the token is known when the request's statements run
 * (deviceTrip).
 */
export const requireDevice = createMiddleware<DeviceEnv>(async (c, next) => {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("Authorization") ?? "")?.[1];
  if (!token)
    throw new DomainError(
      401,
      "unauthorized",
      "device endpoint: send Authorization: Bearer <device token> (from POST /v1/devices)",
    );
  if (!TOKEN_PATTERN.test(token)) throw unknownToken();
  c.set("device", deviceRef(await tokenHash(token)));
  await next();
});

const unknownToken = () => new DomainError(401, "unauthorized", "unknown device token");

/**
 * Runs a device request's statements in one round trip and one transaction (runInOneTrip), after a first one that
 * fails when no device has the token; returns the rows of each of `statements`. That first statement is what makes
 * an unknown token a 401 whatever the others are: a statement that never evaluates `device.id` (a scan of an empty
 * table filtered on it, say) would otherwise answer as for a device with no rows. A token no device has is a 401
 * that changes nothing. So is a device deleted while the request ran (a `DELETE /v1/devices/me` at the same time):
 * its later statements find no device, or the rows' foreign key refuses them, and the next request with that
 * token gets the same 401.
 */
export async function deviceTrip(
  db: Db,
  device: DeviceRef,
  statements: readonly SQL[],
): Promise<Record<string, unknown>[][]> {
  try {
    const [, ...rows] = await runInOneTrip(db, [sql`select ${device.id}`, ...statements]);
    return rows;
  } catch (err) {
    const state = sqlState(err);
    if (state === INVALID_AUTHORIZATION) throw unknownToken();
    if (state === FOREIGN_KEY_VIOLATION)
      throw new DomainError(401, "unauthorized", "this device was deleted while the request ran");
    throw err;
  }
}

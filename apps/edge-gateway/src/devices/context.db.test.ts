// deviceTrip against both backends, in Node (workerd has no Postgres); the routes around it are tested against the
// real stack in test/src/devices.test.ts.
import { devices, eq, follows, sql } from "@buzz/db";
import { BACKENDS, useBackend } from "@buzz/db/testing";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/index.js";
import { deviceRef, deviceTrip } from "./context.js";
import { tokenHash } from "./token.js";

const unauthorized = (err: unknown) =>
  err instanceof DomainError && err.status === 401 && err.code === "unauthorized";

describe.each(BACKENDS)("deviceTrip on %s", (kind) => {
  const backend = useBackend(kind);

  const newDevice = () =>
    backend.run(async (db) => {
      const hash = await tokenHash(crypto.randomUUID());
      const [row] = await db.insert(devices).values({ tokenHash: hash }).returning({ id: devices.id });
      return { id: row!.id, ref: deviceRef(hash) };
    });

  it("returns each statement's rows, the token's check left out", async () => {
    const device = await newDevice();
    const rows = await backend.run((db) =>
      deviceTrip(db, device.ref, [sql`select ${device.ref.id} as id`, sql`select 2 as two`]),
    );
    expect(rows).toEqual([[{ id: device.id }], [{ two: 2 }]]);
  });

  it("answers 401 for a token no device has, even when no statement looks at the device, and writes nothing", async () => {
    const stranger = deviceRef(await tokenHash("no-device-has-this-token"));
    const before = await backend.run((db) => db.$count(devices));
    const trip = backend.run((db) =>
      deviceTrip(db, stranger, [sql`insert into devices (token_hash) values (${crypto.randomUUID()})`]),
    );
    await expect(trip).rejects.toSatisfy(unauthorized);
    expect(await backend.run((db) => db.$count(devices))).toBe(before);
  });

  it("answers 401 when the device goes while the trip runs, and writes nothing", async () => {
    const device = await newDevice();
    // What a DELETE /v1/devices/me committing between two statements leaves: a device id its rows' key refuses.
    const trip = backend.run((db) =>
      deviceTrip(db, device.ref, [
        sql`delete from devices where id = ${device.id}::uuid`,
        sql`insert into follows (device_id, kind, target_id) values (${device.id}::uuid, 'team', 'FRA')`,
      ]),
    );
    await expect(trip).rejects.toSatisfy(unauthorized);
    expect(await backend.run((db) => db.$count(devices, eq(devices.id, device.id)))).toBe(1);
    expect(await backend.run((db) => db.$count(follows, eq(follows.deviceId, device.id)))).toBe(0);
  });
});

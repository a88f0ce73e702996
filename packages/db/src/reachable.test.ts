// follows.reachable (migration 0012) against both local backends: whatever is written first, and however a push
// target comes and goes, a follow says whether its device can be pushed.
import { setTimeout } from "node:timers/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { type Db, devices, follows, nativePushTokens, pushSubscriptions, sql } from "./index.js";
import { BACKENDS, useBackend } from "./testing/backends.js";

const subscription = (deviceId: string) => ({
  deviceId,
  endpoint: `https://fcm.googleapis.com/fcm/send/${deviceId}`,
  p256dh: "p".repeat(87),
  auth: "a".repeat(22),
});

async function newDevices(db: Db, n: number): Promise<string[]> {
  const rows = await db
    .insert(devices)
    .values(Array.from({ length: n }, () => ({ tokenHash: crypto.randomUUID() })))
    .returning({ id: devices.id });
  return rows.map((r) => r.id);
}

/** Each device's follows as `reachable` says, in the order given. */
async function reachable(db: Db, ids: string[]): Promise<boolean[][]> {
  const { rows } = await db.execute<{ device_id: string; reachable: boolean }>(
    sql`select device_id, reachable from follows order by target_id`,
  );
  return ids.map((id) => rows.filter((r) => r.device_id === id).map((r) => r.reachable));
}

describe.each(BACKENDS)("follows.reachable on %s", (kind) => {
  const backend = useBackend(kind);

  it("follows every way a device gains or loses its push targets", async () => {
    await backend.run(async (db) => {
      const [a, b, c, none] = await newDevices(db, 4);
      const ids = [a!, b!, c!, none!];
      // Follows before the target (a), after it (b: a native token), and a device with neither.
      await db
        .insert(follows)
        .values(ids.map((deviceId) => ({ deviceId, kind: "team" as const, targetId: "FRA" })));
      await db.insert(nativePushTokens).values({ deviceId: b!, provider: "fcm", token: "t-b" });
      await db.insert(follows).values({ deviceId: b!, kind: "player", targetId: "FRA-mbappe" });
      await db.insert(pushSubscriptions).values(subscription(a!));
      expect(await reachable(db, ids)).toEqual([[true], [true, true], [false], [false]]);

      // Both targets, then one of them gone: still reachable; the other gone too: not.
      await db.insert(pushSubscriptions).values(subscription(b!));
      await db.delete(nativePushTokens).where(sql`${nativePushTokens.deviceId} = ${b!}`);
      expect(await reachable(db, ids)).toEqual([[true], [true, true], [false], [false]]);
      await db.delete(pushSubscriptions).where(sql`${pushSubscriptions.deviceId} = ${b!}`);
      expect(await reachable(db, ids)).toEqual([[true], [false, false], [false], [false]]);

      // A subscription moved to another device; a dispatch outcome (no move) changes nothing.
      await db
        .update(pushSubscriptions)
        .set({ deviceId: c! })
        .where(sql`${pushSubscriptions.deviceId} = ${a!}`);
      await db.update(pushSubscriptions).set({ failureCount: 1 });
      expect(await reachable(db, ids)).toEqual([[false], [false, false], [true], [false]]);

      // A bulk write, then a truncate.
      await db
        .insert(nativePushTokens)
        .values(
          [a!, b!].map((deviceId) => ({ deviceId, provider: "fcm" as const, token: `bulk-${deviceId}` })),
        );
      expect(await reachable(db, ids)).toEqual([[true], [true, true], [true], [false]]);
      await db.execute(sql`truncate native_push_tokens`);
      expect(await reachable(db, ids)).toEqual([[false], [false, false], [true], [false]]);
    });
  });
});

type Session = pg.PoolClient;

/** Two sessions of the backend's database, as two Workers would hold, ended after `fn`. */
async function twoSessions(url: string, fn: (one: Session, two: Session) => Promise<void>): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const [one, two] = [await pool.connect(), await pool.connect()];
  try {
    await fn(one, two);
  } finally {
    one.release();
    two.release();
    await pool.end();
  }
}

const subscribe = (session: Session, device: string) =>
  session.query(
    "insert into push_subscriptions (device_id, endpoint, p256dh, auth) values ($1, $2, 'p', 'a')",
    [device, `https://push.example/${device}`],
  );
const follow = (session: Session, device: string) =>
  session.query("insert into follows (device_id, kind, target_id) values ($1, 'team', 'FRA')", [device]);

describe("follows.reachable under concurrent writes (postgres)", () => {
  const backend = useBackend("postgres");

  // Two sessions, as two Workers writing the same device at once: each trigger locks the device's row first,
  // so the later write waits for the earlier one's commit, and then sees it.
  it.each([
    ["the follow first", follow, subscribe],
    ["the subscription first", subscribe, follow],
  ] as const)(
    "a follow and a push subscription written at once leave the follow reachable (%s)",
    async (_, first, second) => {
      const [device] = await backend.run((db) => newDevices(db, 1));
      await twoSessions(backend.database.url, async (one, two) => {
        await one.query("begin");
        await first(one, device!);
        await two.query("begin");
        const waiting = second(two, device!).then(() => two.query("commit"));
        const raced = await Promise.race([waiting.then(() => "done"), setTimeout(300, "held")]);
        expect(raced).toBe("held");
        await one.query("commit");
        await waiting;
      });
      expect(await backend.run((db) => reachable(db, [device!]))).toEqual([[true]]);
    },
  );

  // apps/edge-gateway/src/devices/store.ts replaceFollows: the device's row locked, then its follows deleted and
  // written again. Deleting first, the subscription's trigger (holding the device's row) would wait for the deleted
  // follows while the new follows' trigger waited for the device's row: a deadlock, one of the two failing.
  it("a follows rewrite that locks the device first, and a subscription meanwhile: both commit, the follows reachable", async () => {
    const [device] = await backend.run(async (db) => {
      const ids = await newDevices(db, 1);
      await db.insert(follows).values({ deviceId: ids[0]!, kind: "team", targetId: "FRA" });
      return ids;
    });
    await twoSessions(backend.database.url, async (one, two) => {
      await one.query("begin");
      await one.query("select id from devices where id = $1 for no key update", [device]);
      await one.query("delete from follows where device_id = $1", [device]);
      await two.query("begin");
      const subscribed = subscribe(two, device!).then(() => two.query("commit"));
      await setTimeout(100);
      await one.query(
        "insert into follows (device_id, kind, target_id) values ($1, 'team', 'FRA'), ($1, 'player', 'FRA-mbappe')",
        [device],
      );
      await one.query("commit");
      await subscribed;
    });
    expect(await backend.run((db) => reachable(db, [device!]))).toEqual([[true, true]]);
  });
});

// The send claim's SQL on both local backends: one owner at a time, the owner's redelivery (a later attempt) takes it
// back, as does the invocation that made it running it again, an outcome written clears it, a claim that ran out can be taken, and two copies racing get one claim between
// them, whether they are different messages or two deliveries of the same attempt of one.
import { devices, eq, notificationLog, sql } from "@buzz/db";
import { BACKENDS, useBackend } from "@buzz/db/testing";
import { describe, expect, it } from "vitest";
import { CLAIM_SECONDS, type ClaimKey, claimSends } from "./claim.js";
import { keyOf, recordOutcomes } from "./store.js";

describe.each(BACKENDS)("send claims on %s", (kind) => {
  const backend = useBackend(kind);

  async function logged(): Promise<{ event_id: string; device_id: string }> {
    const [device] = await backend.run((db) =>
      db.insert(devices).values({ tokenHash: crypto.randomUUID(), locale: "en" }).returning(),
    );
    const key = { event_id: crypto.randomUUID(), device_id: device!.id };
    await backend.run((db) =>
      db.insert(notificationLog).values({ eventId: key.event_id, deviceId: key.device_id, matchId: "m" }),
    );
    return key;
  }
  const claim = (keys: ClaimKey[]) => backend.run((db) => claimSends(db, keys));
  /** The claim of one key by `owner`'s `attempt`, from an invocation of its own unless `token` says which. */
  const answerOf = async (
    key: { event_id: string; device_id: string },
    owner: string,
    attempt = 1,
    token: string = crypto.randomUUID(),
  ) => (await claim([{ ...key, owner, attempt, token }])).get(keyOf(key))!;

  it("holds one owner at a time; the owner's redelivery takes it again; another copy is told how long to wait", async () => {
    const key = await logged();
    expect(await answerOf(key, "a")).toEqual({ claimed: true, status: "queued", waitSeconds: 0 });
    const other = await answerOf(key, "b");
    expect(other).toMatchObject({ claimed: false, status: "queued" });
    expect(other.waitSeconds).toBeGreaterThan(CLAIM_SECONDS - 10);
    expect(other.waitSeconds).toBeLessThanOrEqual(CLAIM_SECONDS);
    // The same delivery of "a" again (a duplicate running at the same time) is kept out too; its next attempt is not.
    expect(await answerOf(key, "a")).toMatchObject({ claimed: false, status: "queued" });
    expect(await answerOf(key, "a", 2)).toMatchObject({ claimed: true });
    expect(await answerOf(key, "a", 2)).toMatchObject({ claimed: false });
  });

  it("is taken back by the invocation that made it running the claim again (its answer was lost), and by no other copy", async () => {
    const key = await logged();
    const token = crypto.randomUUID();
    expect(await answerOf(key, "a", 1, token)).toMatchObject({ claimed: true });
    expect(await answerOf(key, "a", 1, token)).toEqual({ claimed: true, status: "queued", waitSeconds: 0 });
    // Another invocation of the same delivery, another message, or another message with that token: kept out.
    expect(await answerOf(key, "a", 1)).toMatchObject({ claimed: false, status: "queued" });
    expect(await answerOf(key, "b", 1)).toMatchObject({ claimed: false });
    expect(await answerOf(key, "b", 1, token)).toMatchObject({ claimed: false });
  });

  it("is cleared by the outcome written after the push; a settled row is not claimed again", async () => {
    const key = await logged();
    await answerOf(key, "a");
    await backend.run((db) =>
      recordOutcomes(
        db,
        [{ ...key, status: "retrying", requests: 1, last_status: 503, delivered_at: null }],
        [],
      ),
    );
    const [row] = await backend.run((db) =>
      db.select().from(notificationLog).where(eq(notificationLog.eventId, key.event_id)),
    );
    expect(row).toMatchObject({
      status: "retrying",
      claimedBy: null,
      claimedToken: null,
      claimedUntil: null,
    });
    expect(await answerOf(key, "b")).toMatchObject({ claimed: true, status: "retrying" });
    await backend.run((db) =>
      recordOutcomes(
        db,
        [
          {
            ...key,
            status: "delivered",
            requests: 1,
            last_status: 201,
            delivered_at: new Date().toISOString(),
          },
        ],
        [],
      ),
    );
    expect(await answerOf(key, "c")).toEqual({ claimed: false, status: "delivered", waitSeconds: 0 });
  });

  it("can be taken once it ran out (its sender died), and answers a deleted device's key with no row", async () => {
    const key = await logged();
    await answerOf(key, "a");
    await backend.run((db) =>
      db
        .update(notificationLog)
        .set({ claimedUntil: sql`now() - interval '1 second'` })
        .where(eq(notificationLog.eventId, key.event_id)),
    );
    expect(await answerOf(key, "b")).toMatchObject({ claimed: true });
    // A deleted device's log rows go with it.
    await backend.run((db) => db.delete(notificationLog).where(eq(notificationLog.eventId, key.event_id)));
    expect(await answerOf(key, "c")).toEqual({ claimed: false, status: null, waitSeconds: 0 });
  });

  it.each([
    ["two messages", ["a", "b"]],
    ["two deliveries of one message's attempt", ["a", "a"]],
  ])("gives %s claiming at once one claim between them", async (_, owners) => {
    const keys = await Promise.all(Array.from({ length: 20 }, logged));
    const [a, b] = await Promise.all(
      owners.map((owner) => {
        const token = crypto.randomUUID();
        return claim(keys.map((k) => ({ ...k, owner, attempt: 1, token })));
      }),
    );
    for (const k of keys)
      expect([a!.get(keyOf(k))!.claimed, b!.get(keyOf(k))!.claimed].filter(Boolean)).toHaveLength(1);
  });
});

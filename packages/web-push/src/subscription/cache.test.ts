import { describe, expect, it } from "vitest";
import { encryptPayload } from "../encryption/index.js";
import { nodeReceiver } from "../encryption/receiver.test-helper.js";
import { cachedSubscriptionCount, MAX_CACHED_SUBSCRIPTIONS, validateSubscriptionCached } from "./cache.js";
import { endpointAllowList, validateSubscription } from "./index.js";

const allow = endpointAllowList(["https://fcm.googleapis.com", "https://*.push.apple.com"]);
const ua = nodeReceiver();
const sub = (endpoint: string, receiver = ua) => ({
  endpoint,
  expirationTime: null,
  keys: { p256dh: receiver.p256dh.toString("base64url"), auth: receiver.auth.toString("base64url") },
});

describe("validateSubscriptionCached", () => {
  it("decodes and imports a subscription once, then hands back the same result", async () => {
    const before = cachedSubscriptionCount();
    const first = await validateSubscriptionCached(sub("https://fcm.googleapis.com/fcm/send/once"), allow);
    const again = await validateSubscriptionCached(sub("https://fcm.googleapis.com/fcm/send/once"), allow);
    expect(again).toBe(first);
    expect(cachedSubscriptionCount()).toBe(before + 1);
    expect(first).toEqual(await validateSubscription(sub("https://fcm.googleapis.com/fcm/send/once"), allow));
  });

  it("still asks the caller's allow-list on a hit", async () => {
    const s = sub("https://web.push.apple.com/QO-cached");
    await validateSubscriptionCached(s, allow);
    const fcmOnly = endpointAllowList(["https://fcm.googleapis.com"]);
    await expect(validateSubscriptionCached(s, fcmOnly)).rejects.toMatchObject({
      code: "endpoint_not_allowed",
      field: "endpoint",
    });
  });

  it("keeps nothing that failed validation, and refuses it every time", async () => {
    const before = cachedSubscriptionCount();
    const bad = {
      endpoint: "https://fcm.googleapis.com/fcm/send/bad",
      keys: { p256dh: sub("x").keys.p256dh, auth: "AAAA" },
    };
    for (let i = 0; i < 2; i++)
      await expect(validateSubscriptionCached(bad, allow)).rejects.toMatchObject({
        code: "invalid_subscription",
        field: "keys.auth",
      });
    const offCurve = {
      ...bad,
      keys: {
        p256dh: Buffer.concat([Buffer.of(4), Buffer.alloc(64, 1)]).toString("base64url"),
        auth: sub("x").keys.auth,
      },
    };
    await expect(validateSubscriptionCached(offCurve, allow)).rejects.toMatchObject({
      code: "invalid_subscription",
      field: "keys.p256dh",
    });
    await expect(validateSubscriptionCached("not a subscription", allow)).rejects.toMatchObject({
      code: "invalid_subscription",
    });
    expect(cachedSubscriptionCount()).toBe(before);
  });

  it("treats new keys on the same endpoint (a re-subscription) as a new subscription", async () => {
    const endpoint = "https://fcm.googleapis.com/fcm/send/resubscribed";
    const other = nodeReceiver(undefined, Buffer.alloc(16, 7));
    await validateSubscriptionCached(sub(endpoint), allow);
    const fresh = await validateSubscriptionCached(sub(endpoint, other), allow);
    const body = await encryptPayload(new TextEncoder().encode("to the new keys"), fresh);
    expect(other.decrypt(body).plaintext.toString()).toBe("to the new keys");
  });

  it(`holds at most ${MAX_CACHED_SUBSCRIPTIONS} subscriptions, dropping the oldest`, async () => {
    const oldest = await validateSubscriptionCached(sub("https://fcm.googleapis.com/fcm/send/oldest"), allow);
    for (let i = 0; i < MAX_CACHED_SUBSCRIPTIONS; i++)
      await validateSubscriptionCached(sub(`https://fcm.googleapis.com/fcm/send/${i}`), allow);
    expect(cachedSubscriptionCount()).toBe(MAX_CACHED_SUBSCRIPTIONS);
    const reloaded = await validateSubscriptionCached(
      sub("https://fcm.googleapis.com/fcm/send/oldest"),
      allow,
    );
    expect(reloaded).not.toBe(oldest);
    expect(reloaded).toEqual(oldest);
  });
});

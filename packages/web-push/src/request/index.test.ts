import { describe, expect, it } from "vitest";
import { base64urlDecode } from "../bytes/index.js";
import { nodeReceiver } from "../encryption/receiver.test-helper.js";
import { endpointAllowList } from "../subscription/index.js";
import { generateVapidKeys, importVapidKeys, VapidTokenCache } from "../vapid/index.js";
import { buildPushRequest, type PushRequestOptions } from "./index.js";

const allowEndpoint = endpointAllowList(["https://fcm.googleapis.com", "http://127.0.0.1"]);
const ua = nodeReceiver();
const subscription = {
  endpoint: "https://fcm.googleapis.com/fcm/send/device-1",
  keys: { p256dh: ua.p256dh.toString("base64url"), auth: ua.auth.toString("base64url") },
};
const vapidKeys = await importVapidKeys(await generateVapidKeys());
const vapid = new VapidTokenCache({ keys: vapidKeys, subject: "mailto:ops@buzz.example" });
const payload = {
  title: "⚽ BUT !",
  body: "Griezmann (France) — 2-1 [38']",
  tag: "goal-1",
  data: { sequence_number: 7 },
};
const build = (over: Partial<PushRequestOptions> = {}) =>
  buildPushRequest({ subscription, allowEndpoint, payload, vapid, ttl: 3600, ...over });

describe("buildPushRequest", () => {
  it("POSTs the encrypted payload to the endpoint with the RFC 8030/8291/8292 headers", async () => {
    const { url, init } = await build({ urgency: "high", topic: "goal-1" });
    expect(url).toBe(subscription.endpoint);
    expect(init.method).toBe("POST");
    expect(init.headers).toEqual({
      "Content-Encoding": "aes128gcm",
      "Content-Type": "application/octet-stream",
      TTL: "3600",
      Urgency: "high",
      Topic: "goal-1",
      Authorization: expect.stringMatching(
        new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapidKeys.publicKey}$`),
      ),
    });
    expect(JSON.parse(ua.decrypt(init.body).plaintext.toString("utf8"))).toEqual(payload);
    const claims = JSON.parse(
      new TextDecoder().decode(base64urlDecode(init.headers.Authorization!.split(".")[1]!)),
    );
    expect(claims.aud).toBe("https://fcm.googleapis.com");
  });

  it("leaves out Urgency and Topic when not asked, and sends strings and bytes as they are", async () => {
    const text = await build({ payload: "plain text", ttl: 0 });
    expect(text.init.headers).not.toHaveProperty("Urgency");
    expect(text.init.headers).not.toHaveProperty("Topic");
    expect(text.init.headers.TTL).toBe("0");
    expect(ua.decrypt(text.init.body).plaintext.toString()).toBe("plain text");
    const bytes = await build({ payload: Uint8Array.of(0, 1, 2) });
    expect([...ua.decrypt(bytes.init.body).plaintext]).toEqual([0, 1, 2]);
  });

  it("encrypts each message's own payload when payloads alternate, objects and strings alike", async () => {
    const sent = [];
    for (const p of [payload, "goal", { ...payload, tag: "goal-2" }, "goal", payload]) {
      const { init } = await build({ payload: p });
      sent.push(ua.decrypt(init.body).plaintext.toString("utf8"));
    }
    expect(sent).toEqual([
      JSON.stringify(payload),
      "goal",
      JSON.stringify({ ...payload, tag: "goal-2" }),
      "goal",
      JSON.stringify(payload),
    ]);
  });

  it.each([
    [{ ttl: -1 }, "invalid_ttl"],
    [{ ttl: 1.5 }, "invalid_ttl"],
    [{ urgency: "urgent" as never }, "invalid_urgency"],
    [{ topic: "goal:1" }, "invalid_topic"],
    [{ topic: "x".repeat(33) }, "invalid_topic"],
    [{ payload: "x".repeat(4000) }, "payload_too_large"],
    [{ subscription: { ...subscription, endpoint: "https://evil.example/x" } }, "endpoint_not_allowed"],
    [
      { subscription: { ...subscription, keys: { ...subscription.keys, auth: "AAAA" } } },
      "invalid_subscription",
    ],
  ])("refuses %j with %s", async (over, code) => {
    await expect(build(over)).rejects.toMatchObject({ name: "WebPushError", code });
  });
});

// The mock push service itself: it must accept exactly what a standards-exact sender produces and refuse,
// with a real service's status, anything that is wrong. Its receiver is checked against RFC 8291 Appendix A.

import { webcrypto } from "node:crypto";
import {
  buildPushRequest,
  endpointAllowList,
  generateVapidKeys,
  importVapidKeys,
  type PushRequestOptions,
  type VapidKeys,
  VapidTokenCache,
} from "@buzz/web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockPush, startMockPush } from "./index.js";
import { decryptPushMessage } from "./receiver.js";

const SUBJECT = "mailto:ops@buzz.example";
const allowEndpoint = endpointAllowList(["http://127.0.0.1"]);
let push: MockPush;
let keys: VapidKeys;
let vapid: VapidTokenCache;

beforeAll(async () => {
  push = await startMockPush();
  keys = await importVapidKeys(await generateVapidKeys());
  vapid = new VapidTokenCache({ keys, subject: SUBJECT });
});
afterAll(() => push.close());

const payload = {
  title: "⚽ GOAL!",
  body: "Griezmann (France) 2-1 [38']",
  tag: "goal-1",
  data: { event_id: "e1", match_id: "m1", sequence_number: 3, url: "/m/m1" },
};

async function send(
  subscription: unknown,
  over: Partial<PushRequestOptions> = {},
  mutate?: (h: Record<string, string>) => void,
) {
  const { url, init } = await buildPushRequest({
    subscription,
    allowEndpoint,
    payload,
    vapid,
    ttl: 60,
    ...over,
  });
  mutate?.(init.headers);
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** A JWT with arbitrary claims, for what @buzz/web-push refuses to produce. */
async function jwt(claims: Record<string, unknown>, signer: VapidKeys = keys) {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const input = `${enc({ typ: "JWT", alg: "ES256" })}.${enc(claims)}`;
  const sig = await webcrypto.subtle.sign(
    { name: "ECDSA", hash: "SHA-256" },
    signer.privateKey as webcrypto.CryptoKey,
    Buffer.from(input),
  );
  return `vapid t=${input}.${Buffer.from(sig).toString("base64url")}, k=${signer.publicKey}`;
}
const now = () => Math.floor(Date.now() / 1000);

describe("mock push receiver", () => {
  it("decrypts RFC 8291 Appendix A with the user agent's private key", async () => {
    const ua = Buffer.from(
      "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
      "base64url",
    );
    const privateKey = await webcrypto.subtle.importKey(
      "jwk",
      {
        kty: "EC",
        crv: "P-256",
        d: "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94",
        x: ua.subarray(1, 33).toString("base64url"),
        y: ua.subarray(33).toString("base64url"),
      },
      { name: "ECDH", namedCurve: "P-256" },
      false,
      ["deriveBits"],
    );
    const message = Buffer.from(
      "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
      "base64url",
    );
    const plaintext = await decryptPushMessage(message, {
      privateKey,
      publicKey: ua,
      auth: Buffer.from("BTBZMqHH6r4Tts7J_aSIgg", "base64url"),
    });
    expect(plaintext.toString()).toBe("When I grow up, I want to be a watermelon");
  });
});

describe("mock push service", () => {
  it("hands out subscriptions with their own keys", () => {
    const a = push.newSubscription();
    const b = push.newSubscription();
    expect(a.endpoint.startsWith(`${push.origin}/push/`)).toBe(true);
    expect(Buffer.from(a.keys.p256dh, "base64url")).toHaveLength(65);
    expect(Buffer.from(a.keys.auth, "base64url")).toHaveLength(16);
    expect(a.keys.p256dh).not.toBe(b.keys.p256dh);
    expect(a.keys.auth).not.toBe(b.keys.auth);
  });

  it("accepts a @buzz/web-push message with 201 and records what the phone would show", async () => {
    const sub = push.newSubscription({ applicationServerKey: keys.publicKey });
    const res = await send(sub, { urgency: "high", topic: "goal-1", ttl: 120 });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toMatch(new RegExp(`^${push.origin}/message/`));
    const [d] = await push.waitForDeliveries(1, { endpoint: sub.endpoint, timeoutMs: 5000 });
    expect(d).toMatchObject({
      endpoint: sub.endpoint,
      payload,
      ttl: 120,
      urgency: "high",
      topic: "goal-1",
      vapid: { sub: SUBJECT, publicKey: keys.publicKey },
    });
    expect(d!.text).toBe(JSON.stringify(payload));
    expect(push.deliveries(sub.endpoint)).toHaveLength(1);
  });

  it("defaults Urgency to normal and records no Topic when none is sent", async () => {
    const sub = push.newSubscription();
    expect((await send(sub)).status).toBe(201);
    const [d] = push.deliveries(sub.endpoint);
    expect(d!.urgency).toBe("normal");
    expect(d!.topic).toBeUndefined();
  });

  it("plays a script per subscription, then answers 201 again", async () => {
    const sub = push.newSubscription();
    const other = push.newSubscription();
    push.script(sub.endpoint, [500, 503, { status: 429, retryAfter: 7 }, 404, 410]);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const res = await send(sub);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
    }
    expect(statuses).toEqual([500, 503, 429, 404, 410, 201]);
    expect(retryAfter).toBe("7");
    expect((await send(other)).status).toBe(201);
    expect(
      (await push.waitForAttempts(6, { endpoint: sub.endpoint, timeoutMs: 1000 })).map((a) => a.status),
    ).toEqual([500, 503, 429, 404, 410, 201]);
    await expect(push.waitForAttempts(7, { endpoint: sub.endpoint, timeoutMs: 50 })).rejects.toThrow(
      /6 of 7 attempts/,
    );
    expect(push.deliveries(sub.endpoint)).toHaveLength(1);
  });

  it("can hang: the request is never answered until the client gives up", async () => {
    const sub = push.newSubscription();
    push.script(sub.endpoint, ["hang"]);
    const { url, init } = await buildPushRequest({
      subscription: sub,
      allowEndpoint,
      payload,
      vapid,
      ttl: 60,
    });
    const pending = fetch(url, { ...init, signal: AbortSignal.timeout(300) });
    expect(
      (await push.waitForAttempts(1, { endpoint: sub.endpoint, timeoutMs: 5000 })).map((a) => a.status),
    ).toEqual(["hang"]);
    await expect(pending).rejects.toThrow(/abort|timeout/i);
    expect((await send(sub)).status).toBe(201);
  });

  it("answers 410 forever once the user unsubscribed, 404 for an unknown endpoint, 405 for GET", async () => {
    const sub = push.newSubscription();
    push.unsubscribe(sub.endpoint);
    expect((await send(sub)).status).toBe(410);
    expect((await send(sub)).status).toBe(410);
    expect((await send({ ...sub, endpoint: `${push.origin}/push/nobody` })).status).toBe(404);
    expect((await fetch(sub.endpoint)).status).toBe(405);
  });

  describe("VAPID", () => {
    const claims = () => ({ aud: push.origin, exp: now() + 3600, sub: SUBJECT });
    const withAuth = (value: string | undefined) => (h: Record<string, string>) => {
      if (value === undefined) delete h.Authorization;
      else h.Authorization = value;
    };

    it.each([
      ["no Authorization", async () => undefined, /missing Authorization/],
      [
        "the legacy WebPush scheme",
        async () => (await jwt(claims())).replace(/^vapid t=/, "WebPush ").replace(/, k=.*$/, ""),
        /vapid/,
      ],
      [
        "an audience of another origin",
        async () => jwt({ ...claims(), aud: "https://fcm.googleapis.com" }),
        /aud/,
      ],
      ["an expired token", async () => jwt({ ...claims(), exp: now() - 1 }), /expired/],
      [
        "an expiry more than 24 h ahead",
        async () => jwt({ ...claims(), exp: now() + 24 * 3600 + 60 }),
        /24 hours/,
      ],
      ["no sub", async () => jwt({ aud: push.origin, exp: now() + 60 }), /sub/],
      [
        "a signature by another key than k",
        async () => (await jwt(claims())).replace(/k=.*$/, `k=${(await generateVapidKeys()).publicKey}`),
        /signature/,
      ],
      [
        "a tampered claim",
        async () =>
          (await jwt(claims())).replace(
            /\.([\w-]+)\./,
            (_, _p: string) =>
              `.${Buffer.from(JSON.stringify({ ...claims(), sub: "mailto:x@y.z" })).toString("base64url")}.`,
          ),
        /signature/,
      ],
    ])("refuses %s with 401", async (_, header, reason) => {
      const sub = push.newSubscription();
      const res = await send(sub, {}, withAuth(await header()));
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).message).toMatch(reason);
      expect(push.deliveries(sub.endpoint)).toHaveLength(0);
    });

    it("refuses a valid token from another key than the subscription's applicationServerKey with 403", async () => {
      const sub = push.newSubscription({ applicationServerKey: keys.publicKey });
      const stranger = new VapidTokenCache({
        keys: await importVapidKeys(await generateVapidKeys()),
        subject: SUBJECT,
      });
      expect((await send(sub, { vapid: stranger })).status).toBe(403);
    });

    it("refuses the token of a sender whose clock is 23 h behind: it expired 11 h ago", async () => {
      const lagging = new VapidTokenCache({ keys, subject: SUBJECT, now: () => Date.now() - 23 * 3600_000 });
      expect((await send(push.newSubscription(), { vapid: lagging })).status).toBe(401);
    });
  });

  describe("headers and body", () => {
    it.each([
      ["no TTL", (h: Record<string, string>) => delete h.TTL, /TTL/],
      ["a negative TTL", (h: Record<string, string>) => (h.TTL = "-5"), /TTL/],
      [
        "the legacy aesgcm coding",
        (h: Record<string, string>) => (h["Content-Encoding"] = "aesgcm"),
        /aes128gcm/,
      ],
      ["no Content-Encoding", (h: Record<string, string>) => delete h["Content-Encoding"], /aes128gcm/],
      ["an unknown Urgency", (h: Record<string, string>) => (h.Urgency = "urgent"), /Urgency/],
      ["a Topic with a colon", (h: Record<string, string>) => (h.Topic = "goal:1"), /Topic/],
      ["a Topic of 33 characters", (h: Record<string, string>) => (h.Topic = "a".repeat(33)), /Topic/],
    ])("refuses %s with 400", async (_, mutate, reason) => {
      const res = await send(push.newSubscription(), {}, mutate);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).message).toMatch(reason);
    });

    it("refuses a message encrypted for another subscription, or altered in transit, with 400", async () => {
      const a = push.newSubscription();
      const b = push.newSubscription();
      const forA = await buildPushRequest({ subscription: a, allowEndpoint, payload, vapid, ttl: 60 });
      const misrouted = await fetch(b.endpoint, forA.init);
      expect(misrouted.status).toBe(400);
      expect(((await misrouted.json()) as { message: string }).message).toMatch(/decrypt/);
      const body = Uint8Array.from(forA.init.body);
      body[body.length - 1]! ^= 0xff;
      expect((await fetch(a.endpoint, { ...forA.init, body })).status).toBe(400);
      expect(push.deliveries(a.endpoint)).toHaveLength(0);
      expect(push.deliveries(b.endpoint)).toHaveLength(0);
    });

    it("refuses a body over 4096 bytes with 413", async () => {
      const sub = push.newSubscription();
      const { init } = await buildPushRequest({ subscription: sub, allowEndpoint, payload, vapid, ttl: 60 });
      const res = await fetch(sub.endpoint, { ...init, body: new Uint8Array(5000) });
      expect(res.status).toBe(413);
    });
  });
});

// The sender against a fake fetch: what each answer of a push service means, and the request it is sent.

import type { NotificationMessage } from "@buzz/queue";
import { endpointAllowList, generateVapidKeys, importVapidKeys, VapidTokenCache } from "@buzz/web-push";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createSender, type PushContext, remainingTtl, type Subscription } from "./send.js";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const ORIGIN = "https://push.example.net";

let context: PushContext;
let subscription: Subscription;
beforeAll(async () => {
  const vapid = await generateVapidKeys();
  const keys = await importVapidKeys({ privateKey: vapid.privateKey, publicKey: vapid.publicKey });
  context = {
    vapid: new VapidTokenCache({ keys, subject: "mailto:ops@buzz.example", now: () => NOW }),
    allowEndpoint: endpointAllowList([ORIGIN]),
  };
  const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
    "deriveBits",
  ])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  subscription = {
    endpoint: `${ORIGIN}/push/abc`,
    p256dh: b64url(raw),
    auth: b64url(crypto.getRandomValues(new Uint8Array(16))),
  };
});

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

const message = (over: Partial<NotificationMessage> = {}): NotificationMessage => ({
  event_id: "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d4f",
  match_id: "wc2018-final",
  device_id: "6f1c2a9e-3b7d-4e8f-9a0b-1c2d3e4f5a6b",
  payload: {
    title: "⚽ BUT ! Griezmann (France) — 2-1 [38']",
    body: "Penalty",
    tag: "goal-0190a3e2",
    data: {
      event_id: "0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d4f",
      match_id: "wc2018-final",
      sequence_number: 9,
      url: "/#/matches/wc2018-final",
    },
  },
  ttl: 300,
  urgency: "high",
  topic: "goal-0190a3e2",
  routed_at: new Date(NOW - 90_000).toISOString(),
  ...over,
});

function fakeFetch(answer: () => Response | Promise<Response>) {
  return vi.fn<typeof fetch>(async () => answer());
}

describe("the push request", () => {
  it("is one POST to the subscription's stored endpoint, encrypted, signed, with TTL left, Urgency and Topic", async () => {
    const fetcher = fakeFetch(() => new Response(null, { status: 201 }));
    const result = await createSender({ fetch: fetcher, now: () => NOW })(message(), subscription, context);

    expect(result).toEqual({ kind: "delivered", status: 201, at: new Date(NOW) });
    expect(fetcher).toHaveBeenCalledOnce();
    const [url, init] = fetcher.mock.calls[0]!;
    expect(url).toBe(subscription.endpoint);
    expect(init).toMatchObject({ method: "POST", redirect: "manual" });
    expect(init!.signal).toBeInstanceOf(AbortSignal);
    const headers = init!.headers as Record<string, string>;
    expect(headers).toMatchObject({
      "Content-Encoding": "aes128gcm",
      "Content-Type": "application/octet-stream",
      TTL: "210",
      Urgency: "high",
      Topic: "goal-0190a3e2",
    });
    expect(headers.Authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]{87}$/);
    // aes128gcm header (86 bytes: salt 16, rs 4, idlen 1, keyid 65) + the padded record; the plaintext is not in it.
    const body = init!.body as Uint8Array;
    expect(body.byteLength).toBeGreaterThan(86 + 16);
    expect(new TextDecoder().decode(body)).not.toContain("Griezmann");
  });

  it("counts the TTL down from routing, never below 0", () => {
    expect(remainingTtl({ ttl: 300, routed_at: new Date(NOW).toISOString() }, NOW + 999)).toBe(300);
    expect(remainingTtl({ ttl: 300, routed_at: new Date(NOW).toISOString() }, NOW + 61_000)).toBe(239);
    expect(remainingTtl({ ttl: 300, routed_at: new Date(NOW).toISOString() }, NOW + 3_600_000)).toBe(0);
    expect(remainingTtl({ ttl: 300, routed_at: "not a date" }, NOW)).toBe(300);
    expect(remainingTtl({ ttl: 300, routed_at: new Date(NOW + 5000).toISOString() }, NOW)).toBe(300); // clock skew
  });
});

describe("what an answer means", () => {
  const send = (res: () => Response | Promise<Response>) =>
    createSender({ fetch: fakeFetch(res), now: () => NOW })(message(), subscription, context);

  it.each([200, 201, 202])("%i is delivered", async (status) => {
    expect(await send(() => new Response(null, { status }))).toMatchObject({ kind: "delivered", status });
  });

  it.each([404, 410])("%i means the subscription is gone", async (status) => {
    expect(await send(() => new Response("{}", { status }))).toEqual({ kind: "gone", status });
  });

  it("429 and 503 are transient, with their Retry-After as seconds", async () => {
    expect(
      await send(() => new Response("slow down", { status: 429, headers: { "Retry-After": "17" } })),
    ).toEqual({ kind: "transient", status: 429, retryAfter: 17, reason: "HTTP 429: slow down" });
    const date = new Date(NOW + 42_000).toUTCString();
    expect(
      await send(() => new Response(null, { status: 503, headers: { "Retry-After": date } })),
    ).toMatchObject({ kind: "transient", status: 503, retryAfter: 42 });
    expect(await send(() => new Response(null, { status: 500 }))).toEqual({
      kind: "transient",
      status: 500,
      reason: "HTTP 500",
    });
    expect(await send(() => new Response(null, { status: 408 }))).toMatchObject({
      kind: "transient",
      status: 408,
    });
  });

  it.each([400, 401, 403, 413, 301])(
    "%i is refused: sending the same request again cannot succeed",
    async (status) => {
      const headers = status === 301 ? { Location: "https://elsewhere.example/" } : undefined;
      expect(await send(() => new Response("no", { status, headers }))).toMatchObject({
        kind: "refused",
        status,
      });
    },
  );

  it("a network error is transient", async () => {
    expect(await send(() => Promise.reject(new TypeError("fetch failed")))).toMatchObject({
      kind: "transient",
      status: null,
      reason: expect.stringContaining("network error"),
    });
  });

  it("a push service that never answers is given up on after the timeout, as transient", async () => {
    const hang = vi.fn<typeof fetch>(
      (_url, init) =>
        new Promise((_, reject) =>
          init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason)),
        ),
    );
    const result = await createSender({ fetch: hang, timeoutMs: 50, now: () => NOW })(
      message(),
      subscription,
      context,
    );
    expect(result).toEqual({ kind: "transient", status: null, reason: "no answer within 50 ms" });
  });
});

describe("what is refused before any request", () => {
  it.each([
    [
      "an endpoint outside the allow-list",
      () => ({ sub: { ...subscription, endpoint: "https://evil.example/push/1" }, msg: message() }),
      "endpoint_not_allowed",
    ],
    [
      "a p256dh that is not a P-256 point",
      () => ({ sub: { ...subscription, p256dh: b64url(new Uint8Array(65).fill(7)) }, msg: message() }),
      "invalid_subscription",
    ],
    [
      "an auth secret of the wrong size",
      () => ({ sub: { ...subscription, auth: "c2hvcnQ" }, msg: message() }),
      "invalid_subscription",
    ],
    [
      "a Topic that is not URL-safe base64",
      () => ({ sub: subscription, msg: message({ topic: "goal:1" }) }),
      "invalid_topic",
    ],
    [
      "an Urgency outside RFC 8030",
      () => ({ sub: subscription, msg: message({ urgency: "urgent" as never }) }),
      "invalid_urgency",
    ],
    [
      "a payload over 4 KB",
      () => ({
        sub: subscription,
        msg: message({ payload: { ...message().payload, body: "x".repeat(5000) } }),
      }),
      "payload_too_large",
    ],
  ])("%s", async (_, make, code) => {
    const { sub, msg } = make();
    const fetcher = fakeFetch(() => new Response(null, { status: 201 }));
    const result = await createSender({ fetch: fetcher, now: () => NOW })(msg, sub, context);
    expect(result).toMatchObject({
      kind: "refused",
      status: null,
      reason: expect.stringMatching(new RegExp(`^${code}: `)),
    });
    expect(fetcher).not.toHaveBeenCalled();
  });
});

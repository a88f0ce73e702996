import { describe, expect, it } from "vitest";
import { base64urlDecode } from "../bytes/index.js";
import { generateVapidKeys, importVapidKeys, signVapidJwt, VapidTokenCache } from "./index.js";

const SUBJECT = "mailto:ops@buzz.example";
const HOUR = 3600;

async function keys() {
  const pair = await generateVapidKeys();
  return importVapidKeys(pair);
}

/** A push service's view: split the header, verify ES256 with the k= key, return the claims. */
async function verify(header: string) {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header);
  if (!m) throw new Error(`not a vapid header: ${header}`);
  const [h, p, s] = m[1]!.split(".") as [string, string, string];
  const signature = base64urlDecode(s);
  const key = await crypto.subtle.importKey(
    "raw",
    base64urlDecode(m[2]!),
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["verify"],
  );
  const valid = await crypto.subtle.verify(
    { name: "ECDSA", hash: "SHA-256" },
    key,
    signature,
    new TextEncoder().encode(`${h}.${p}`),
  );
  const decode = (part: string) => JSON.parse(new TextDecoder().decode(base64urlDecode(part)));
  return { valid, signatureLength: signature.length, header: decode(h), claims: decode(p), k: m[2]! };
}

describe("VAPID JWT", () => {
  it("is ES256 over the origin, verifiable with the public key, raw r|s signature", async () => {
    const k = await keys();
    const cache = new VapidTokenCache({ keys: k, subject: SUBJECT });
    const before = Math.floor(Date.now() / 1000);
    const got = await verify(await cache.authorization("https://fcm.googleapis.com/fcm/send/abc:def?x=1"));
    expect(got.valid).toBe(true);
    expect(got.signatureLength).toBe(64);
    expect(got.header).toEqual({ typ: "JWT", alg: "ES256" });
    expect(got.k).toBe(k.publicKey);
    expect(got.claims.aud).toBe("https://fcm.googleapis.com");
    expect(got.claims.sub).toBe(SUBJECT);
    expect(got.claims.exp).toBeGreaterThanOrEqual(before + 12 * HOUR);
    expect(got.claims.exp).toBeLessThanOrEqual(before + 24 * HOUR + 1);
  });

  it("keeps a non-default port in the audience", async () => {
    const cache = new VapidTokenCache({ keys: await keys(), subject: "https://buzz.example/contact" });
    const got = await verify(await cache.authorization("http://127.0.0.1:8999/push/1"));
    expect(got.claims.aud).toBe("http://127.0.0.1:8999");
    expect(got.claims.sub).toBe("https://buzz.example/contact");
  });

  it("does not verify with another key", async () => {
    const cache = new VapidTokenCache({ keys: await keys(), subject: SUBJECT });
    const header = await cache.authorization("https://updates.push.services.mozilla.com/wpush/v2/x");
    const other = await generateVapidKeys();
    const forged = header.replace(/k=[\w-]+$/, `k=${other.publicKey}`);
    expect((await verify(forged)).valid).toBe(false);
  });

  it("refuses a subject that is not mailto:/https:, an expiry beyond 24 h or in the past, a non-origin audience", async () => {
    const k = await keys();
    const now = Math.floor(Date.now() / 1000);
    expect(() => new VapidTokenCache({ keys: k, subject: "ops@buzz.example" })).toThrow(/mailto/);
    expect(() => new VapidTokenCache({ keys: k, subject: "http://buzz.example" })).toThrow(/mailto/);
    expect(() => new VapidTokenCache({ keys: k, subject: SUBJECT, lifetimeSeconds: 24 * HOUR + 1 })).toThrow(
      /24 h/,
    );
    expect(
      () =>
        new VapidTokenCache({ keys: k, subject: SUBJECT, lifetimeSeconds: HOUR, refreshBeforeSeconds: HOUR }),
    ).toThrow(/shorter/);
    await expect(
      signVapidJwt({ aud: "https://a.example", exp: now + 24 * HOUR + 1, sub: SUBJECT }, k, now),
    ).rejects.toThrow(/24 hours/);
    await expect(signVapidJwt({ aud: "https://a.example", exp: now, sub: SUBJECT }, k, now)).rejects.toThrow(
      /future/,
    );
    await expect(
      signVapidJwt({ aud: "https://a.example/path", exp: now + HOUR, sub: SUBJECT }, k, now),
    ).rejects.toThrow(/origin/);
  });
});

describe("VapidTokenCache", () => {
  it("reuses one token per origin, and signs a separate one for another origin", async () => {
    let now = Date.UTC(2018, 6, 15, 15, 0, 0);
    const cache = new VapidTokenCache({ keys: await keys(), subject: SUBJECT, now: () => now });
    const first = await cache.authorization("https://fcm.googleapis.com/fcm/send/a");
    now += 5 * 60_000;
    expect(await cache.authorization("https://fcm.googleapis.com/fcm/send/b")).toBe(first);
    const apple = await cache.authorization("https://web.push.apple.com/QO1");
    expect(apple).not.toBe(first);
    expect((await verify(apple)).claims.aud).toBe("https://web.push.apple.com");
  });

  it("takes the endpoint as a URL as well as a string, keyed by its origin either way", async () => {
    const cache = new VapidTokenCache({ keys: await keys(), subject: SUBJECT });
    const fromString = await cache.authorization("https://updates.push.services.mozilla.com:8443/wpush/v2/a");
    expect(
      await cache.authorization(new URL("https://updates.push.services.mozilla.com:8443/wpush/v2/b")),
    ).toBe(fromString);
    expect((await verify(fromString)).claims.aud).toBe("https://updates.push.services.mozilla.com:8443");
    expect(await cache.authorization("https://updates.push.services.mozilla.com:8443")).toBe(fromString);
  });

  it("takes a bare origin that is not cached yet, and does not mistake a longer endpoint for one", async () => {
    const cache = new VapidTokenCache({ keys: await keys(), subject: SUBJECT });
    const origin = await cache.authorization("https://web.push.apple.com");
    expect((await verify(origin)).claims.aud).toBe("https://web.push.apple.com");
    expect(await cache.authorization("https://web.push.apple.com/QO1")).toBe(origin);
    const other = await cache.authorization("https://web.push.apple.com.evil.example/x");
    expect((await verify(other)).claims.aud).toBe("https://web.push.apple.com.evil.example");
  });

  it("shares one signature between concurrent first callers", async () => {
    const cache = new VapidTokenCache({ keys: await keys(), subject: SUBJECT });
    const headers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cache.authorization(`https://fcm.googleapis.com/fcm/send/${i}`)),
    );
    expect(new Set(headers).size).toBe(1);
  });

  it("refreshes early: a new token once less than refreshBefore is left, never one that expired", async () => {
    const start = Date.UTC(2018, 6, 15, 15, 0, 0);
    let now = start;
    const cache = new VapidTokenCache({
      keys: await keys(),
      subject: SUBJECT,
      lifetimeSeconds: 12 * HOUR,
      refreshBeforeSeconds: HOUR,
      now: () => now,
    });
    const first = await cache.authorization("https://fcm.googleapis.com/x");
    const firstExp = (await verify(first)).claims.exp;
    expect(firstExp).toBe(start / 1000 + 12 * HOUR);

    now = start + (11 * HOUR - 1) * 1000; // 1 h + 1 s left: still good
    expect(await cache.authorization("https://fcm.googleapis.com/y")).toBe(first);

    now = start + 11 * HOUR * 1000; // exactly 1 h left: replaced
    const second = await cache.authorization("https://fcm.googleapis.com/z");
    expect(second).not.toBe(first);
    expect((await verify(second)).claims.exp).toBe(now / 1000 + 12 * HOUR);
    expect(await cache.authorization("https://fcm.googleapis.com/z")).toBe(second);
  });
});

// The credential caches, on a fake clock: FCM's access token until shortly before it expires (one exchange for
// concurrent callers, a new one after a 401), APNs' provider token for 30 minutes and never renewed within 20.
import { describe, expect, it } from "vitest";
import { APNS_MIN_RENEWAL_MS, APNS_TOKEN_REUSE_MS, ApnsProviderToken } from "./apns-auth.js";
import { EARLY_REFRESH_SECONDS, FcmAccessToken, JWT_BEARER_GRANT, parseServiceAccount } from "./fcm-auth.js";
import { NativePushError } from "./http.js";

const pkcs8 = async (params: Parameters<typeof crypto.subtle.generateKey>[0]) => {
  const pair = (await crypto.subtle.generateKey(params, true, ["sign", "verify"])) as CryptoKeyPair;
  const der = new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
  return {
    pem: `-----BEGIN PRIVATE KEY-----\n${btoa(String.fromCharCode(...der))}\n-----END PRIVATE KEY-----\n`,
    publicKey: pair.publicKey,
  };
};
const decode = (part: string) => JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/")));

async function fcmSetup(answer: (n: number) => Response) {
  const { pem, publicKey } = await pkcs8({
    name: "RSASSA-PKCS1-v1_5",
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: "SHA-256",
  });
  const account = parseServiceAccount(
    JSON.stringify({
      project_id: "p",
      client_email: "sa@p.iam.gserviceaccount.com",
      private_key: pem,
      token_uri: "https://oauth2.googleapis.com/token",
    }),
  );
  const clock = { now: 1_800_000_000_000 };
  const bodies: URLSearchParams[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    bodies.push(new URLSearchParams(init.body as URLSearchParams));
    return answer(bodies.length);
  }) as unknown as typeof globalThis.fetch;
  return { auth: new FcmAccessToken(account, { fetch, now: () => clock.now }), clock, bodies, publicKey };
}
const granted = (n: number) =>
  Response.json({ access_token: `at-${n}`, expires_in: 3600, token_type: "Bearer" });

describe("FcmAccessToken", () => {
  it("signs an RS256 assertion for the FCM scope and keeps the token until shortly before it expires", async () => {
    const { auth, clock, bodies, publicKey } = await fcmSetup(granted);
    expect(await Promise.all([auth.get(), auth.get(), auth.get()])).toEqual(["at-1", "at-1", "at-1"]);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.get("grant_type")).toBe(JWT_BEARER_GRANT);
    const [h, c, s] = bodies[0]!.get("assertion")!.split(".") as [string, string, string];
    expect(decode(h)).toEqual({ alg: "RS256", typ: "JWT" });
    expect(decode(c)).toEqual({
      iss: "sa@p.iam.gserviceaccount.com",
      scope: "https://www.googleapis.com/auth/firebase.messaging",
      aud: "https://oauth2.googleapis.com/token",
      iat: 1_800_000_000,
      exp: 1_800_003_600,
    });
    const signature = Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (ch) =>
      ch.charCodeAt(0),
    );
    expect(
      await crypto.subtle.verify(
        "RSASSA-PKCS1-v1_5",
        publicKey,
        signature,
        new TextEncoder().encode(`${h}.${c}`),
      ),
    ).toBe(true);

    clock.now += (3600 - EARLY_REFRESH_SECONDS - 1) * 1000;
    expect(await auth.get()).toBe("at-1");
    clock.now += 2000;
    expect(await auth.get()).toBe("at-2");
    auth.invalidate("at-1"); // a stale 401 does not throw away the newer token
    expect(await auth.get()).toBe("at-2");
    auth.invalidate("at-2");
    expect(await auth.get()).toBe("at-3");
  });

  it("turns a refused grant into a refusal and a token endpoint outage into a retry", async () => {
    const refused = await fcmSetup(() => Response.json({ error: "invalid_grant" }, { status: 400 }));
    await expect(refused.auth.get()).rejects.toSatisfy(
      (e) => e instanceof NativePushError && e.result.kind === "refused",
    );
    const down = await fcmSetup(() => new Response("", { status: 503, headers: { "retry-after": "20" } }));
    await expect(down.auth.get()).rejects.toSatisfy(
      (e) => e instanceof NativePushError && e.result.kind === "transient" && e.result.retryAfter === 20,
    );
  });

  it("refuses a service account without what sending needs", () => {
    expect(() => parseServiceAccount("{")).toThrow("not JSON");
    expect(() =>
      parseServiceAccount(JSON.stringify({ project_id: "p", client_email: "e", private_key: "k" })),
    ).toThrow("no token_uri");
  });
});

describe("ApnsProviderToken", () => {
  it("signs ES256 {kid} {iss, iat}, reuses it for 30 min, renews on ExpiredProviderToken only after 20 min", async () => {
    const { pem, publicKey } = await pkcs8({ name: "ECDSA", namedCurve: "P-256" });
    const clock = { now: 1_800_000_000_000 };
    const auth = new ApnsProviderToken({ pem, keyId: "ABC123DEFG", teamId: "DEF123GHIJ" }, () => clock.now);
    const [first, again] = await Promise.all([auth.get(), auth.get()]);
    expect(again).toBe(first);
    const [h, c, s] = first!.split(".") as [string, string, string];
    expect(decode(h)).toEqual({ alg: "ES256", kid: "ABC123DEFG" });
    expect(decode(c)).toEqual({ iss: "DEF123GHIJ", iat: 1_800_000_000 });
    const signature = Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (ch) =>
      ch.charCodeAt(0),
    );
    expect(
      await crypto.subtle.verify(
        { name: "ECDSA", hash: "SHA-256" },
        publicKey,
        signature,
        new TextEncoder().encode(`${h}.${c}`),
      ),
    ).toBe(true);

    clock.now += APNS_MIN_RENEWAL_MS - 1000;
    expect(auth.expire(first!)).toBe(false);
    expect(await auth.get()).toBe(first);
    clock.now += 2000;
    expect(auth.expire(first!)).toBe(true);
    const second = await auth.get();
    expect(second).not.toBe(first);
    clock.now += APNS_TOKEN_REUSE_MS - 1000;
    expect(await auth.get()).toBe(second);
    clock.now += 1000;
    expect(await auth.get()).not.toBe(second);
  });
});

import { createECDH } from "node:crypto";
import { describe, expect, it } from "vitest";
import { endpointAllowList, validateSubscription } from "./index.js";

const allow = endpointAllowList([
  "https://fcm.googleapis.com",
  "https://*.push.apple.com",
  "http://127.0.0.1",
]);
const ua = createECDH("prime256v1");
ua.generateKeys();
const p256dh = ua.getPublicKey().toString("base64url");
const auth = Buffer.alloc(16, 9).toString("base64url");
const sub = (over: Record<string, unknown> = {}, keys: Record<string, unknown> = {}) => ({
  endpoint: "https://fcm.googleapis.com/fcm/send/abc",
  expirationTime: null,
  ...over,
  keys: { p256dh, auth, ...keys },
});

describe("endpointAllowList", () => {
  const ok = (url: string) => allow(new URL(url));

  it("admits the listed origins, subdomains of a wildcard, any port when the pattern names none", () => {
    expect(ok("https://fcm.googleapis.com/fcm/send/x")).toBe(true);
    expect(ok("https://web.push.apple.com/QO1")).toBe(true);
    expect(ok("https://a.b.push.apple.com/x")).toBe(true);
    expect(ok("http://127.0.0.1:39123/push/1")).toBe(true);
  });

  it("refuses another scheme, a look-alike host, the bare wildcard domain", () => {
    expect(ok("http://fcm.googleapis.com/x")).toBe(false);
    expect(ok("https://127.0.0.1/x")).toBe(false);
    expect(ok("https://fcm.googleapis.com.evil.example/x")).toBe(false);
    expect(ok("https://evilfcm.googleapis.com/x")).toBe(false);
    expect(ok("https://push.apple.com/x")).toBe(false);
    expect(ok("https://evilpush.apple.com/x")).toBe(false);
    expect(ok("http://localhost:8080/x")).toBe(false);
  });

  it("stays strict about other spellings of a listed host: a trailing dot, an IPv6 form of 127.0.0.1", () => {
    expect(ok("https://fcm.googleapis.com./fcm/send/x")).toBe(false);
    expect(ok("https://web.push.apple.com./QO1")).toBe(false);
    expect(ok("http://[::ffff:127.0.0.1]:39123/push/1")).toBe(false);
  });

  it("holds an explicit port to that port (443 for https by default)", () => {
    const strict = endpointAllowList(["https://push.example:443", "http://127.0.0.1:9000"]);
    expect(strict(new URL("https://push.example/x"))).toBe(true);
    expect(strict(new URL("https://push.example:8443/x"))).toBe(false);
    expect(strict(new URL("http://127.0.0.1:9000/x"))).toBe(true);
    expect(strict(new URL("http://127.0.0.1:9001/x"))).toBe(false);
  });

  it("rejects a malformed pattern at configuration time", () => {
    expect(() => endpointAllowList(["fcm.googleapis.com"])).toThrow(/scheme:\/\/host/);
    expect(() => endpointAllowList(["https://fcm.googleapis.com/fcm"])).toThrow(/scheme:\/\/host/);
    expect(() => endpointAllowList(["ftp://x.example"])).toThrow(/scheme:\/\/host/);
  });
});

describe("validateSubscription", () => {
  it("returns the parsed endpoint, key bytes and the imported key", async () => {
    const v = await validateSubscription(sub(), allow);
    expect(v.endpoint.href).toBe("https://fcm.googleapis.com/fcm/send/abc");
    expect(v.href).toBe("https://fcm.googleapis.com/fcm/send/abc");
    expect(v.origin).toBe("https://fcm.googleapis.com");
    expect(v.p256dh.length).toBe(65);
    expect(v.auth.length).toBe(16);
    expect(v.key.type).toBe("public");
  });

  it.each([
    [null, "invalid_subscription", ""],
    [sub({ endpoint: 42 }), "invalid_subscription", "endpoint"],
    [sub({ endpoint: "not a url" }), "invalid_subscription", "endpoint"],
    [sub({ endpoint: "ftp://fcm.googleapis.com/x" }), "invalid_subscription", "endpoint"],
    [sub({ endpoint: "https://user:pw@fcm.googleapis.com/x" }), "invalid_subscription", "endpoint"],
    [sub({ endpoint: `https://fcm.googleapis.com/${"a".repeat(2100)}` }), "invalid_subscription", "endpoint"],
    [sub({ endpoint: "https://push.evil.example/x" }), "endpoint_not_allowed", "endpoint"],
    [sub({ endpoint: "http://fcm.googleapis.com/x" }), "endpoint_not_allowed", "endpoint"],
    [{ endpoint: "https://fcm.googleapis.com/x" }, "invalid_subscription", "keys"],
    [sub({}, { p256dh: undefined }), "invalid_subscription", "keys.p256dh"],
    [sub({}, { p256dh: "!!" }), "invalid_subscription", "keys.p256dh"],
    [sub({}, { p256dh: ua.getPublicKey("base64url", "compressed") }), "invalid_subscription", "keys.p256dh"],
    [
      sub({}, { p256dh: Buffer.concat([Buffer.of(5), ua.getPublicKey().subarray(1)]).toString("base64url") }),
      "invalid_subscription",
      "keys.p256dh",
    ],
    [sub({}, { auth: Buffer.alloc(15).toString("base64url") }), "invalid_subscription", "keys.auth"],
    [sub({}, { auth: 7 }), "invalid_subscription", "keys.auth"],
  ])("rejects %j with %s on %s", async (input, code, field) => {
    await expect(validateSubscription(input, allow)).rejects.toMatchObject({ code, field });
  });

  it("rejects a well-formed 65-byte point that is not on the curve", async () => {
    const offCurve = Buffer.from(ua.getPublicKey());
    offCurve[64]! ^= 1;
    await expect(
      validateSubscription(sub({}, { p256dh: offCurve.toString("base64url") }), allow),
    ).rejects.toMatchObject({
      field: "keys.p256dh",
      message: "keys.p256dh is not a point on P-256",
    });
  });
});

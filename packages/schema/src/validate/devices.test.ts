import { describe, expect, it } from "vitest";
import { MAX_FOLLOWS_PER_KIND } from "../contract/index.js";
import {
  DeviceRegistrationSchema,
  FollowsInputSchema,
  LocaleSchema,
  NativePushTokenInputSchema,
  PushSubscriptionInputSchema,
} from "./devices.js";

const P256DH = `B${"A".repeat(86)}`; // 87 characters = 65 bytes
const AUTH = "A".repeat(22); // 16 bytes

describe("LocaleSchema", () => {
  it.each([
    ["fr", "fr"],
    ["en-GB", "en-GB"],
    ["EN-gb", "en-GB"],
    ["zh-hant-tw", "zh-Hant-TW"],
    ["es-419", "es-419"],
    ["ar", "ar"],
  ])("accepts %s as %s", (tag, canonical) => {
    expect(LocaleSchema.parse(tag)).toBe(canonical);
  });

  it.each(["", "f", "french", "en_GB", "en-", "fr-FR-", "12", "en GB", `en-${"a".repeat(40)}`])(
    "refuses %j",
    (tag) => {
      expect(LocaleSchema.safeParse(tag).success).toBe(false);
    },
  );
});

describe("DeviceRegistrationSchema", () => {
  it("defaults the locale to en and refuses unknown fields", () => {
    expect(DeviceRegistrationSchema.parse({})).toEqual({ locale: "en" });
    expect(DeviceRegistrationSchema.parse({ locale: "fr" })).toEqual({ locale: "fr" });
    expect(DeviceRegistrationSchema.safeParse({ locale: "fr", langue: "fr" }).success).toBe(false);
    expect(DeviceRegistrationSchema.safeParse({ locale: 7 }).success).toBe(false);
  });
});

describe("FollowsInputSchema", () => {
  it("fills missing lists, drops duplicates and sorts", () => {
    expect(FollowsInputSchema.parse({ teams: ["FRA", "CRO", "FRA"] })).toEqual({
      teams: ["CRO", "FRA"],
      competitions: [],
      players: [],
      matches: [],
    });
  });

  it("refuses unknown keys (a typo would otherwise silently follow nothing), bad ids and long lists", () => {
    expect(FollowsInputSchema.safeParse({ team: ["FRA"] }).success).toBe(false);
    expect(FollowsInputSchema.safeParse({ teams: ["a b"] }).success).toBe(false);
    expect(FollowsInputSchema.safeParse({ teams: "FRA" }).success).toBe(false);
    const many = Array.from({ length: MAX_FOLLOWS_PER_KIND + 1 }, (_, i) => `p${i}`);
    expect(FollowsInputSchema.safeParse({ players: many }).success).toBe(false);
    expect(FollowsInputSchema.safeParse({ players: many.slice(1) }).success).toBe(true);
  });
});

describe("PushSubscriptionInputSchema", () => {
  const valid = {
    endpoint: "https://fcm.googleapis.com/fcm/send/abc",
    expirationTime: null,
    keys: { p256dh: P256DH, auth: AUTH },
  };

  it("accepts PushSubscription.toJSON()", () => {
    expect(PushSubscriptionInputSchema.parse(valid)).toEqual(valid);
    expect(
      PushSubscriptionInputSchema.parse({ ...valid, keys: { p256dh: `${P256DH}=`, auth: `${AUTH}==` } }).keys
        .auth,
    ).toBe(`${AUTH}==`);
  });

  it.each([
    ["a non-URL endpoint", { ...valid, endpoint: "fcm" }],
    ["a non-http endpoint", { ...valid, endpoint: "ftp://fcm.googleapis.com/x" }],
    ["a short p256dh", { ...valid, keys: { ...valid.keys, p256dh: P256DH.slice(1) } }],
    ["a standard-base64 auth", { ...valid, keys: { ...valid.keys, auth: `${"A".repeat(21)}+` } }],
    ["a long auth", { ...valid, keys: { ...valid.keys, auth: `${AUTH}AA` } }],
    ["no keys", { endpoint: valid.endpoint }],
  ])("refuses %s", (_, body) => {
    expect(PushSubscriptionInputSchema.safeParse(body).success).toBe(false);
  });
});

describe("NativePushTokenInputSchema", () => {
  const FCM = `dGVzdC1kZXZpY2U:APA91b${"x".repeat(140)}`;
  const APNS = "AB".repeat(32);

  it("takes one shape per provider, the APNs token lower-cased with its environment", () => {
    expect(NativePushTokenInputSchema.parse({ provider: "fcm", token: FCM })).toEqual({
      provider: "fcm",
      token: FCM,
    });
    expect(NativePushTokenInputSchema.parse({ provider: "apns", token: APNS })).toEqual({
      provider: "apns",
      token: APNS.toLowerCase(),
      environment: "production",
    });
    expect(
      NativePushTokenInputSchema.parse({ provider: "apns", token: APNS, environment: "sandbox" }),
    ).toMatchObject({ environment: "sandbox" });
    expect(
      NativePushTokenInputSchema.parse({
        provider: "expo",
        token: "ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]",
      }),
    ).toMatchObject({ provider: "expo" });
  });

  it.each([
    [{ provider: "fcm", token: "short" }, ["token"]],
    [{ provider: "fcm", token: `${FCM} ` }, ["token"]],
    [{ provider: "fcm", token: FCM, environment: "sandbox" }, []],
    [{ provider: "apns", token: "ab".repeat(31) }, ["token"]],
    [{ provider: "apns", token: `${APNS}a` }, ["token"]],
    [{ provider: "apns", token: "zz".repeat(32) }, ["token"]],
    [{ provider: "apns", token: APNS, environment: "development" }, ["environment"]],
    [{ provider: "expo", token: "ExponentPushToken[]" }, ["token"]],
    [{ provider: "expo", token: FCM }, ["token"]],
    [{ provider: "wns", token: FCM }, ["provider"]],
    [{ token: FCM }, ["provider"]],
  ])("refuses %j", (input, path) => {
    const parsed = NativePushTokenInputSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    if (path.length) expect(parsed.error!.issues[0]!.path).toEqual(path);
  });
});

// The native push mocks themselves: each must accept what the real service accepts and refuse, with the real
// service's status and reason, what it would refuse — else the adapters' tests against them prove nothing.
import { createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockApns, startMockApns } from "../mock-apns/index.js";
import { type MockExpo, startMockExpo } from "../mock-expo/index.js";
import { type MockFcm, startMockFcm } from "../mock-fcm/index.js";

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
function jwt(alg: "RS256" | "ES256", pem: string, header: object, claims: object) {
  const input = `${b64({ alg, ...header })}.${b64(claims)}`;
  const key = createPrivateKey(pem);
  const signature = sign(
    "sha256",
    Buffer.from(input),
    alg === "ES256" ? { key, dsaEncoding: "ieee-p1363" } : key,
  );
  return `${input}.${signature.toString("base64url")}`;
}
const now = () => Math.floor(Date.now() / 1000);

let fcm: MockFcm;
let apns: MockApns;
let expo: MockExpo;
beforeAll(async () => {
  [fcm, apns, expo] = await Promise.all([startMockFcm(), startMockApns(), startMockExpo()]);
});
afterAll(() => Promise.all([fcm.close(), apns.close(), expo.close()]));

describe("mock FCM", () => {
  const sa = () => fcm.serviceAccount;
  const claims = (over: object = {}) => ({
    iss: sa().client_email,
    scope: "https://www.googleapis.com/auth/firebase.messaging",
    aud: sa().token_uri,
    iat: now(),
    exp: now() + 3600,
    ...over,
  });
  const grant = (assertion: string) =>
    fetch(sa().token_uri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
    });
  const send = (accessToken: string, message: object) =>
    fetch(`${fcm.origin}/v1/projects/${sa().project_id}/messages:send`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ message }),
    });

  it("grants an access token only for a correctly signed assertion with the right claims", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    for (const bad of [
      jwt("RS256", other, { typ: "JWT" }, claims()),
      jwt("RS256", sa().private_key, {}, claims({ aud: "https://oauth2.googleapis.com/token" })),
      jwt("RS256", sa().private_key, {}, claims({ iss: "someone@else.iam.gserviceaccount.com" })),
      jwt("RS256", sa().private_key, {}, claims({ scope: "https://www.googleapis.com/auth/cloud-platform" })),
      jwt("RS256", sa().private_key, {}, claims({ exp: now() + 7200 })),
      jwt("RS256", sa().private_key, {}, claims({ iat: now() - 7200, exp: now() - 3600 })),
    ])
      expect((await grant(bad)).status).toBe(400);
    const ok = await grant(jwt("RS256", sa().private_key, { typ: "JWT" }, claims()));
    expect(ok.status).toBe(200);
    const { access_token } = (await ok.json()) as { access_token: string };

    const token = fcm.newToken();
    const message = {
      token,
      notification: { title: "t", body: "b" },
      data: { event_id: "e" },
      android: { priority: "high", ttl: "300s", collapse_key: "k" },
    };
    expect((await send("ya29.forged", message)).status).toBe(401);
    expect((await send(access_token, { ...message, data: { sequence_number: 9 } })).status).toBe(400);
    expect((await send(access_token, { ...message, android: { priority: "HIGHEST" } })).status).toBe(400);
    expect((await send(access_token, { ...message, android: { ttl: "300" } })).status).toBe(400);
    expect((await send(access_token, { ...message, collapse_key: "k" })).status).toBe(400);
    expect((await send(access_token, { ...message, notification: { title: "x".repeat(5000) } })).status).toBe(
      400,
    );
    expect((await send(access_token, { ...message, token: "made-up" })).status).toBe(400);
    expect((await send(access_token, message)).status).toBe(200);
    fcm.unregister(token);
    const gone = await send(access_token, message);
    expect(gone.status).toBe(404);
    expect(JSON.stringify(await gone.json())).toContain("UNREGISTERED");
    expect(fcm.deliveries(token)).toHaveLength(1);
  });
});

describe("mock APNs", () => {
  const c = () => apns.credentials;
  const provider = (over: object = {}, header: object = {}) =>
    jwt("ES256", c().key, { kid: c().keyId, ...header }, { iss: c().teamId, iat: now(), ...over });
  const headers = (token: string, over: Record<string, string | undefined> = {}) =>
    Object.fromEntries(
      Object.entries({
        authorization: `bearer ${token}`,
        "apns-topic": c().topic,
        "apns-push-type": "alert",
        "apns-priority": "10",
        "apns-expiration": "0",
        "apns-collapse-id": "goal-1",
        ...over,
      }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
  const push = async (
    device: string,
    h: Record<string, string>,
    body: unknown = { aps: { alert: { title: "t", body: "b" } } },
  ) => {
    const res = await fetch(`${apns.origins.production}/3/device/${device}`, {
      method: "POST",
      headers: h,
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return {
      status: res.status,
      reason: res.status === 200 ? undefined : ((await res.json()) as { reason: string }).reason,
    };
  };

  it("checks the provider token, headers, device token and payload like Apple", async () => {
    const device = apns.newToken();
    const good = provider();
    const otherKey = generateKeyPairSync("ec", { namedCurve: "prime256v1" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(
      await push(
        device,
        headers(jwt("ES256", otherKey, { kid: c().keyId }, { iss: c().teamId, iat: now() })),
      ),
    ).toEqual({ status: 403, reason: "InvalidProviderToken" });
    expect(await push(device, headers(provider({}, { kid: "WRONGKEYID" })))).toEqual({
      status: 403,
      reason: "InvalidProviderToken",
    });
    expect(await push(device, headers(provider({ iat: now() - 3700 })))).toEqual({
      status: 403,
      reason: "ExpiredProviderToken",
    });
    expect(await push(device, headers(good, { "apns-topic": undefined }))).toEqual({
      status: 400,
      reason: "MissingTopic",
    });
    expect(await push(device, headers(good, { "apns-topic": "com.other.app" }))).toEqual({
      status: 400,
      reason: "TopicDisallowed",
    });
    expect(await push(device, headers(good, { "apns-push-type": undefined }))).toEqual({
      status: 400,
      reason: "InvalidPushType",
    });
    expect(await push(device, headers(good, { "apns-priority": "11" }))).toEqual({
      status: 400,
      reason: "BadPriority",
    });
    expect(await push(device, headers(good, { "apns-expiration": "soon" }))).toEqual({
      status: 400,
      reason: "BadExpirationDate",
    });
    expect(await push(device, headers(good, { "apns-collapse-id": "x".repeat(65) }))).toEqual({
      status: 400,
      reason: "BadCollapseId",
    });
    expect(await push("not-hex", headers(good))).toEqual({ status: 400, reason: "BadDeviceToken" });
    expect(await push(apns.newToken("sandbox"), headers(good))).toEqual({
      status: 400,
      reason: "BadDeviceToken",
    });
    expect(await push(device, headers(good), { aps: { alert: "x".repeat(4100) } })).toEqual({
      status: 413,
      reason: "PayloadTooLarge",
    });
    expect(await push(device, headers(good), { alert: "no aps" })).toEqual({
      status: 400,
      reason: "BadPayload",
    });
    expect(await push(device, headers(good))).toEqual({ status: 200, reason: undefined });
    // A second, different token within 20 minutes of the first.
    expect(await push(device, headers(provider({ iat: now() - 1 })))).toEqual({
      status: 429,
      reason: "TooManyProviderTokenUpdates",
    });
    apns.unregister(device);
    expect(await push(device, headers(good))).toEqual({ status: 410, reason: "Unregistered" });
    expect(apns.deliveries(device)).toHaveLength(1);
  });
});

describe("mock Expo", () => {
  const send = (body: unknown) =>
    fetch(`${expo.origin}/--/api/v2/push/send`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("validates messages and answers a ticket per message", async () => {
    const token = expo.newToken();
    expect((await send({ to: "fcm-token", title: "t" })).status).toBe(400);
    expect((await send({ to: token, title: "t", collapseKey: "k" })).status).toBe(400);
    expect((await send({ to: token, title: "t", priority: "urgent" })).status).toBe(400);
    expect(
      await (await send({ to: token, title: "t", body: "b", ttl: 300, priority: "high" })).json(),
    ).toMatchObject({ data: { status: "ok" } });
    expo.unregister(token);
    expect(await (await send([{ to: token, title: "t" }])).json()).toMatchObject({
      data: [{ status: "error", details: { error: "DeviceNotRegistered" } }],
    });
    expect(expo.deliveries(token)).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { BuzzHttpError } from "../client/http.js";
import { createClient } from "../client/index.js";
import { fakeBrowser, recordingFetch } from "../testing/fake-push.js";
import { createDevice, deleteDevice, setFollows } from "./device.js";
import { registerNativePushToken, unregisterNativePushToken } from "./native.js";

const BASE = "https://buzz.test";
afterEach(() => vi.unstubAllGlobals());

describe("device calls", () => {
  it("createDevice registers with the locale and returns what the other calls need", async () => {
    const f = recordingFetch();
    const device = await createDevice({ baseUrl: `${BASE}/`, fetch: f.fetch }, { locale: "fr" });
    expect(device).toEqual({ baseUrl: BASE, device_id: "dev-1", token: "tok-1" });
    expect(f.calls).toEqual([
      { method: "POST", path: "/v1/devices", authorization: null, body: { locale: "fr" } },
    ]);
  });

  it("createDevice takes the browser's language by default, and sends none where there is none", async () => {
    const f = recordingFetch();
    vi.stubGlobal("fetch", f.fetch);
    vi.stubGlobal("navigator", { language: "pt-BR" });
    await createDevice(BASE);
    vi.stubGlobal("navigator", undefined);
    await createDevice(BASE);
    expect(f.calls.map((c) => c.body)).toEqual([{ locale: "pt-BR" }, {}]);
  });

  it("setFollows sends the whole set (missing lists empty) with the device token", async () => {
    const f = recordingFetch({
      "PUT /v1/devices/me/follows": [200, { teams: ["FRA"], competitions: [], players: [], matches: [] }],
    });
    const stored = await setFollows({ baseUrl: BASE, token: "tok-1", fetch: f.fetch }, { teams: ["FRA"] });
    expect(stored.teams).toEqual(["FRA"]);
    expect(f.calls).toEqual([
      {
        method: "PUT",
        path: "/v1/devices/me/follows",
        authorization: "Bearer tok-1",
        body: { teams: ["FRA"], competitions: [], players: [], matches: [] },
      },
    ]);
  });

  it("deleteDevice erases the device on the server, then cancels the browser's subscription", async () => {
    const b = fakeBrowser({ subscribedWith: "BAAA" });
    const f = recordingFetch();
    await deleteDevice({ baseUrl: BASE, token: "tok-1", fetch: f.fetch }, { browser: b.browser });
    expect(f.calls).toEqual([
      { method: "DELETE", path: "/v1/devices/me", authorization: "Bearer tok-1", body: undefined },
    ]);
    expect(b.log).toEqual(["unsubscribe"]);
    expect(b.subscription).toBeNull();
  });

  it("deleteDevice keeps the subscription when the server refuses, so the whole call can be retried", async () => {
    const b = fakeBrowser({ subscribedWith: "BAAA" });
    const f = recordingFetch({
      "DELETE /v1/devices/me": [401, { error: { code: "unauthorized", message: "unknown device token" } }],
    });
    const err = await deleteDevice(
      { baseUrl: BASE, token: "gone", fetch: f.fetch },
      { browser: b.browser },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuzzHttpError);
    expect(err).toMatchObject({ status: 401, code: "unauthorized" });
    expect(b.subscription).not.toBeNull();
  });

  it("deleteDevice only calls the server where there are no service workers (React Native, Node)", async () => {
    const f = recordingFetch();
    await deleteDevice({ baseUrl: BASE, token: "tok-1", fetch: f.fetch }, { browser: {} });
    expect(f.calls.map((c) => c.method)).toEqual(["DELETE"]);
  });

  it("registerNativePushToken stores the platform token under its provider", async () => {
    const f = recordingFetch();
    await registerNativePushToken({
      baseUrl: BASE,
      token: "tok-1",
      fetch: f.fetch,
      provider: "apns",
      pushToken: "a1b2c3",
    });
    expect(f.calls).toEqual([
      {
        method: "PUT",
        path: "/v1/devices/me/native-push-token",
        authorization: "Bearer tok-1",
        body: { provider: "apns", token: "a1b2c3" },
      },
    ]);
  });

  it("registerNativePushToken sends an APNs token's environment, and unregisterNativePushToken deletes the token", async () => {
    const f = recordingFetch();
    const device = { baseUrl: BASE, token: "tok-1", fetch: f.fetch };
    await registerNativePushToken({
      ...device,
      provider: "apns",
      pushToken: "ab".repeat(32),
      environment: "sandbox",
    });
    await unregisterNativePushToken(device);
    expect(f.calls).toEqual([
      {
        method: "PUT",
        path: "/v1/devices/me/native-push-token",
        authorization: "Bearer tok-1",
        body: { provider: "apns", token: "ab".repeat(32), environment: "sandbox" },
      },
      {
        method: "DELETE",
        path: "/v1/devices/me/native-push-token",
        authorization: "Bearer tok-1",
        body: undefined,
      },
    ]);
    await expect(
      registerNativePushToken({ ...device, provider: "fcm", pushToken: "x", environment: "sandbox" }),
    ).rejects.toThrow(/APNs tokens only/);
  });

  it("takes a client where it takes a server: createDevice(client) uses its baseUrl and fetch", async () => {
    const f = recordingFetch();
    const client = createClient({ baseUrl: `${BASE}/`, fetch: f.fetch });
    expect(client.baseUrl).toBe(BASE);
    const device = await createDevice(client, { locale: "fr" });
    expect(device.baseUrl).toBe(BASE);
    expect(f.calls.map((c) => [c.method, c.path])).toEqual([["POST", "/v1/devices"]]);
    client.close();
  });

  it("registerNativePushToken refuses an unknown provider or an empty token before any request", async () => {
    const f = recordingFetch();
    const device = { baseUrl: BASE, token: "tok-1", fetch: f.fetch };
    await expect(
      registerNativePushToken({ ...device, provider: "gcm" as never, pushToken: "x" }),
    ).rejects.toThrow(/fcm, apns, expo/);
    await expect(registerNativePushToken({ ...device, provider: "fcm", pushToken: "" })).rejects.toThrow(
      /pushToken/,
    );
    expect(f.calls).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { BuzzHttpError } from "../client/http.js";
import { fakeBrowser, OTHER_KEY, recordingFetch, VAPID_KEY } from "../testing/fake-push.js";
import { registerPush } from "./browser.js";
import { BuzzPushError } from "./browser-env.js";

const BASE = "https://buzz.test";
const options = (b: ReturnType<typeof fakeBrowser>, f: ReturnType<typeof recordingFetch>) => ({
  baseUrl: BASE,
  token: "tok-1",
  serviceWorkerUrl: "/sw.js",
  browser: b.browser,
  fetch: f.fetch,
});
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => err,
  );

describe("registerPush", () => {
  it("asks permission, waits for the worker to be active, subscribes with the server's VAPID key and stores the subscription", async () => {
    const b = fakeBrowser({ permission: "default", active: false });
    const f = recordingFetch();
    const done = registerPush(options(b, f));
    await new Promise((r) => setTimeout(r, 20));
    // Installing: pushManager.subscribe would refuse a registration without an active worker.
    expect(b.log).toEqual(["requestPermission", ["register", "/sw.js", undefined]]);
    b.install("activated");
    const stored = await done;

    expect(b.log.slice(2)).toEqual([["subscribe", { userVisibleOnly: true, key: VAPID_KEY }]]);
    expect(f.calls).toEqual([
      { method: "GET", path: "/v1/push/vapid-public-key", authorization: null, body: undefined },
      {
        method: "PUT",
        path: "/v1/devices/me/push-subscription",
        authorization: "Bearer tok-1",
        body: stored,
      },
    ]);
    expect(stored).toEqual(b.subscription!.toJSON());
    expect(stored.keys).toHaveProperty("p256dh");
  });

  it("is idempotent: called again, it reuses the subscription and stores it again", async () => {
    const b = fakeBrowser();
    const f = recordingFetch();
    const first = await registerPush({ ...options(b, f), scope: "/app/" });
    const second = await registerPush({ ...options(b, f), scope: "/app/" });
    expect(second).toEqual(first);
    expect(b.log.filter((l) => Array.isArray(l) && l[0] === "subscribe")).toHaveLength(1);
    expect(b.log[0]).toEqual(["register", "/sw.js", { scope: "/app/" }]);
    expect(f.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /v1/push/vapid-public-key",
      "PUT /v1/devices/me/push-subscription",
      "GET /v1/push/vapid-public-key",
      "PUT /v1/devices/me/push-subscription",
    ]);
  });

  it("replaces a subscription made with another key (the server rotated its VAPID key)", async () => {
    const b = fakeBrowser({ subscribedWith: OTHER_KEY });
    await registerPush(options(b, recordingFetch()));
    expect(b.log.slice(1)).toEqual(["unsubscribe", ["subscribe", { userVisibleOnly: true, key: VAPID_KEY }]]);
  });

  it("says permission_denied, and touches nothing, when notifications are blocked or the prompt is refused", async () => {
    for (const b of [
      fakeBrowser({ permission: "denied" }),
      fakeBrowser({ permission: "default", answer: "denied" }),
    ]) {
      const f = recordingFetch();
      const err = await rejection(registerPush(options(b, f)));
      expect(err).toBeInstanceOf(BuzzPushError);
      expect(err).toMatchObject({ code: "permission_denied", message: expect.stringContaining("denied") });
      expect(f.calls).toEqual([]);
      expect(b.log.filter((l) => l !== "requestPermission")).toEqual([]);
    }
  });

  it("says unsupported where there is no Push API", async () => {
    const f = recordingFetch();
    for (const browser of [{}, { navigator: {} }, { ...fakeBrowser().browser, PushManager: undefined }]) {
      const err = await rejection(
        registerPush({ baseUrl: BASE, token: "t", serviceWorkerUrl: "/sw.js", browser, fetch: f.fetch }),
      );
      expect(err).toMatchObject({ name: "BuzzPushError", code: "unsupported" });
    }
    expect(f.calls).toEqual([]);
  });

  it("says service_worker_failed when the worker does not install, and subscribes nothing", async () => {
    const b = fakeBrowser({ active: false });
    const f = recordingFetch();
    const done = rejection(registerPush(options(b, f)));
    await new Promise((r) => setTimeout(r, 20));
    b.install("redundant");
    expect(await done).toMatchObject({ code: "service_worker_failed" });
    expect(b.log.some((l) => Array.isArray(l) && l[0] === "subscribe")).toBe(false);
    expect(f.calls.map((c) => c.method)).toEqual(["GET"]);
  });

  it("tells a refused subscription (permission_denied) from a push service failure (subscribe_failed)", async () => {
    const refused = fakeBrowser({
      subscribeError: { name: "NotAllowedError", message: "Registration failed - permission denied" },
    });
    expect(await rejection(registerPush(options(refused, recordingFetch())))).toMatchObject({
      code: "permission_denied",
    });
    const broken = fakeBrowser({
      subscribeError: { name: "AbortError", message: "Registration failed - push service error" },
    });
    const err = await rejection(registerPush(options(broken, recordingFetch())));
    expect(err).toMatchObject({
      code: "subscribe_failed",
      message: expect.stringContaining("push service error"),
    });
  });

  it("names the server's refusal (BuzzHttpError with the contract's code)", async () => {
    const b = fakeBrowser();
    const f = recordingFetch({
      "PUT /v1/devices/me/push-subscription": [
        422,
        { error: { code: "endpoint_not_allowed", message: "not an allowed push service" } },
      ],
    });
    const err = await rejection(registerPush(options(b, f)));
    expect(err).toBeInstanceOf(BuzzHttpError);
    expect(err).toMatchObject({
      status: 422,
      code: "endpoint_not_allowed",
      message: "not an allowed push service",
    });
  });
});

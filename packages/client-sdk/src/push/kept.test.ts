import { describe, expect, it } from "vitest";
import { recordingFetch } from "../testing/fake-push.js";
import { asyncStorage } from "../testing/harness.js";
import { deleteDevice, deviceKey } from "./device.js";
import { ensureDevice } from "./kept.js";

const BASE = "https://buzz.test";
const registrations = (f: ReturnType<typeof recordingFetch>) =>
  f.calls.filter((c) => c.method === "POST" && c.path === "/v1/devices").length;

/** `asyncStorage()` is an in-memory AsyncStorage: every call answers a promise, later, as React Native's does. */
describe("ensureDevice: one device per install, across restarts", () => {
  it("registers on the first start only; a restart (same storage, new process) reuses the stored device", async () => {
    const storage = asyncStorage();
    const first = recordingFetch();
    const device = await ensureDevice({ baseUrl: BASE, fetch: first.fetch }, { storage, locale: "fr" });
    expect(device).toEqual({ baseUrl: BASE, device_id: "dev-1", token: "tok-1" });
    expect(first.calls).toEqual([
      { method: "POST", path: "/v1/devices", authorization: null, body: { locale: "fr" } },
    ]);
    expect(JSON.parse((await storage.getItem(deviceKey(BASE)))!)).toEqual(device);

    const afterRestart = recordingFetch();
    expect(await ensureDevice({ baseUrl: `${BASE}/`, fetch: afterRestart.fetch }, { storage })).toEqual(
      device,
    );
    expect(afterRestart.calls).toEqual([]);
  });

  it("calls racing at startup share one registration", async () => {
    const storage = asyncStorage();
    const f = recordingFetch();
    const server = { baseUrl: BASE, fetch: f.fetch };
    const [a, b] = await Promise.all([ensureDevice(server, { storage }), ensureDevice(server, { storage })]);
    expect(a).toEqual(b);
    expect(registrations(f)).toBe(1);
  });

  it("an unreadable entry counts as none; deleteDevice with the storage forgets it, so the next start registers", async () => {
    const storage = asyncStorage();
    await storage.setItem(deviceKey(BASE), "{not json");
    const f = recordingFetch();
    const server = { baseUrl: BASE, fetch: f.fetch };
    const device = await ensureDevice(server, { storage });
    expect(registrations(f)).toBe(1);
    await deleteDevice({ ...device, fetch: f.fetch }, { storage });
    expect(await storage.getItem(deviceKey(BASE))).toBeNull();
    await ensureDevice(server, { storage });
    expect(registrations(f)).toBe(2);
  });
});

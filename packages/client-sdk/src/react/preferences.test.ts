// @vitest-environment jsdom
import { DEFAULT_PREFERENCES, type NotificationPreferences } from "@buzz/schema/contract";
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { DeviceAuth } from "../push/http.js";
import { recordingFetch } from "../testing/fake-push.js";
import { until } from "../testing/harness.js";
import { usePreferences } from "./index.js";

afterEach(cleanup);
const noCards: NotificationPreferences = {
  categories: { ...DEFAULT_PREFERENCES.categories, cards: false },
  quiet_hours: null,
};

describe("usePreferences", () => {
  it("reads the device's preferences, saves new ones and shows what the server stored", async () => {
    const f = recordingFetch({
      "GET /v1/devices/me/preferences": [200, DEFAULT_PREFERENCES],
      "PUT /v1/devices/me/preferences": [200, noCards],
    });
    const device: DeviceAuth = { baseUrl: "https://buzz.test", token: "tok-1", fetch: f.fetch };
    const { result } = renderHook(() => usePreferences(device));
    expect(result.current.status).toBe("loading");
    await until(() => expect(result.current.status).toBe("ready"));
    expect(result.current.preferences).toEqual(DEFAULT_PREFERENCES);

    let saved: NotificationPreferences | null = null;
    await act(async () => {
      saved = await result.current.save(noCards);
    });
    expect(saved).toEqual(noCards);
    expect(result.current).toMatchObject({ status: "ready", preferences: noCards, error: null });
    expect(f.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /v1/devices/me/preferences",
      "PUT /v1/devices/me/preferences",
    ]);
  });

  it("keeps the last good preferences and says why when a save is refused", async () => {
    const f = recordingFetch({
      "GET /v1/devices/me/preferences": [200, DEFAULT_PREFERENCES],
      "PUT /v1/devices/me/preferences": [422, { error: { code: "validation_failed", message: "bad time" } }],
    });
    const device: DeviceAuth = { baseUrl: "https://buzz.test", token: "tok-1", fetch: f.fetch };
    const { result } = renderHook(() => usePreferences(device));
    await until(() => expect(result.current.status).toBe("ready"));
    await act(async () => {
      expect(
        await result.current.save({ quiet_hours: { from: "25:00", to: "07:00", time_zone: "UTC" } }),
      ).toBe(null);
    });
    expect(result.current.status).toBe("error");
    expect(result.current.error?.message).toBe("bad time");
    expect(result.current.preferences).toEqual(DEFAULT_PREFERENCES);
  });

  it("is idle without a device, and fetches nothing", async () => {
    const f = recordingFetch();
    const { result } = renderHook(() => usePreferences(null));
    expect(result.current.status).toBe("idle");
    await act(async () => {
      expect(await result.current.save(noCards)).toBe(null);
    });
    expect(f.calls).toEqual([]);
  });
});

import { DEFAULT_PREFERENCES } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import { BuzzHttpError } from "../client/http.js";
import { recordingFetch } from "../testing/fake-push.js";
import { getPreferences, localTimeZone, setPreferences } from "./preferences.js";

const BASE = "https://buzz.test";
const quiet = { from: "23:00", to: "07:00", time_zone: "Europe/Paris" };

describe("preferences", () => {
  it("getPreferences reads them with the device token", async () => {
    const f = recordingFetch({ "GET /v1/devices/me/preferences": [200, DEFAULT_PREFERENCES] });
    expect(await getPreferences({ baseUrl: BASE, token: "tok-1", fetch: f.fetch })).toEqual(
      DEFAULT_PREFERENCES,
    );
    expect(f.calls).toEqual([
      { method: "GET", path: "/v1/devices/me/preferences", authorization: "Bearer tok-1", body: undefined },
    ]);
  });

  it("setPreferences sends what is given (the server fills the defaults) and answers the stored set", async () => {
    const stored = { categories: { ...DEFAULT_PREFERENCES.categories, cards: false }, quiet_hours: quiet };
    const f = recordingFetch({ "PUT /v1/devices/me/preferences": [200, stored] });
    const device = { baseUrl: BASE, token: "tok-1", fetch: f.fetch };
    expect(await setPreferences(device, { categories: { cards: false }, quiet_hours: quiet })).toEqual(
      stored,
    );
    await setPreferences(device, { quiet_hours: null });
    await setPreferences(device, {});
    expect(f.calls.map((c) => c.body)).toEqual([
      { categories: { cards: false }, quiet_hours: quiet },
      { quiet_hours: null },
      {},
    ]);
  });

  it("setPreferences throws the contract's error for a refused body", async () => {
    const f = recordingFetch({
      "PUT /v1/devices/me/preferences": [
        422,
        {
          error: {
            code: "validation_failed",
            message: 'invalid body: quiet_hours.time_zone: unknown time zone "Mars/Base"',
          },
        },
      ],
    });
    const err = await setPreferences(
      { baseUrl: BASE, token: "t", fetch: f.fetch },
      { quiet_hours: { ...quiet, time_zone: "Mars/Base" } },
    ).catch((e) => e);
    expect(err).toBeInstanceOf(BuzzHttpError);
    expect(err).toMatchObject({ status: 422, code: "validation_failed" });
  });

  it("localTimeZone names the runtime's IANA zone", () => {
    expect(localTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

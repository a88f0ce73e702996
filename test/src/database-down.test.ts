// Postgres unreachable (the Neon dev proxy cut, as in an outage): what needs it answers 503 with Retry-After and
// the contract's error body, never a 500; what does not need it (the live path) goes on; everything is back once
// Postgres is.
import { afterEach, describe, expect, inject, it } from "vitest";
import { baseUrl } from "./http.js";
import { ADMIN_TOKEN } from "./keys.js";

const control = () => inject("controlUrl");
const cut = async () =>
  expect((await fetch(`${control()}/database/cut`, { method: "POST" })).status).toBe(204);
const restore = () => fetch(`${control()}/database/restore`, { method: "POST" });

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(baseUrl() + path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as any };
}

describe("with Postgres unreachable", () => {
  afterEach(restore);

  it("device and ops endpoints answer 503 database_unavailable with Retry-After, and work again once it is back", async () => {
    const device = await call("POST", "/v1/devices", {}, { locale: "fr" });
    expect(device.status).toBe(201);
    const asDevice = { Authorization: `Bearer ${device.body.token}` };
    const asAdmin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

    await cut();
    const down = [
      await call("POST", "/v1/devices", {}, { locale: "en" }),
      await call("GET", "/v1/devices/me/follows", asDevice),
      await call("PUT", "/v1/devices/me/follows", asDevice, { teams: ["FRA"] }),
      await call("GET", "/v1/ops/dead-letters", asAdmin),
    ];
    for (const res of down) {
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("database_unavailable");
      expect(Number(res.retryAfter)).toBeGreaterThan(0);
    }
    // The live path never waits on Postgres.
    expect((await call("GET", "/v1/health")).status).toBe(200);

    await restore();
    expect((await call("GET", "/v1/devices/me/follows", asDevice)).status).toBe(200);
    expect((await call("POST", "/v1/devices", {}, { locale: "en" })).status).toBe(201);
  });
});

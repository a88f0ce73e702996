import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../testing/http.js";
import { push } from "./index.js";

const KEY = "BCSsrpQSrzFARgHUyKXAZQR3HEmye61RmBfL2yEnk5C4PZPEZhUCt88Q4JVXrDtG0tJdcAKfVYVranG7UPMPcpg";

describe("GET /v1/push/vapid-public-key", () => {
  it("answers the configured key", async () => {
    const res = await push.request("/push/vapid-public-key", {}, { ...env, VAPID_PUBLIC_KEY: KEY });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ key: KEY });
  });

  it("says push is not configured when there is no key, in the contract's error shape", async () => {
    const res = await call("/v1/push/vapid-public-key");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: "push_not_configured" } });
  });
});

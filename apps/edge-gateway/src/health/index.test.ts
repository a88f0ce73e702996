import { describe, expect, it } from "vitest";
import { call } from "../testing/http.js";

describe("GET /v1/health", () => {
  it("answers 200 {ok: true}", async () => {
    const res = await call("/v1/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("lets browsers on other origins read it", async () => {
    const res = await call("/v1/health", { headers: { Origin: "https://fan.example" } });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("answers a CORS preflight for a signed POST", async () => {
    const res = await call("/v1/matches/m1/events", {
      method: "OPTIONS",
      headers: {
        Origin: "https://ops.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-buzz-signature",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    expect(res.headers.get("Access-Control-Allow-Headers")).toContain("x-buzz-signature");
  });
});

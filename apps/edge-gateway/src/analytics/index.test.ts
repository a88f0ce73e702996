// The analytics route as a client meets it, in workerd. These Workers tests run without Postgres (no
// DATABASE_URL), which is exactly the "not configured" case; the SQL against PostgreSQL and PGlite is in
// store.db.test.ts, and the whole path with the pipeline in test/src/web/analytics.test.ts.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../app.js";
import { call, errorOf, freshMatchId, goalEvent, ingest, kickOff, putFixture } from "../testing/http.js";

describe("GET /v1/matches/{id}/analytics", () => {
  it("refuses a malformed match id with 400", async () => {
    const res = await call("/v1/matches/-bad/analytics");
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_match_id");
  });

  it("answers 404 for a match that does not exist", async () => {
    const res = await call(`/v1/matches/${freshMatchId("nope")}/analytics`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("match_not_found");
  });

  it.each(["until=-1", "until=2.5", "until=", "until=x"])(
    "refuses ?%s with 400 invalid_query",
    async (query) => {
      const matchId = freshMatchId("xg-until");
      await putFixture(matchId);
      const res = await call(`/v1/matches/${matchId}/analytics?${query}`);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("invalid_query");
      expect(error.message).toContain("until");
    },
  );

  it.each([0, 5])("answers 404 for a match that does not exist, asked until %i", async (until) => {
    const res = await call(`/v1/matches/${freshMatchId("nope")}/analytics?until=${until}`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("match_not_found");
  });

  it("answers a plain 503 the page can show when Postgres is not configured, public and not cached", async () => {
    const matchId = freshMatchId("xg");
    await putFixture(matchId);
    expect((await ingest(matchId, { events: [kickOff(), goalEvent()] })).status).toBe(202);

    const res = await call(`/v1/matches/${matchId}/analytics`, {
      headers: { Origin: "https://fans.example" },
    });

    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("10");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const error = await errorOf(res);
    expect(error.code).toBe("analytics_unavailable");
    expect(error.message).toMatch(/DATABASE_URL is not set/);
  });

  it("answers the same 503 when Postgres is configured but does not answer", async () => {
    const matchId = freshMatchId("xg-down");
    await putFixture(matchId);
    expect((await ingest(matchId, kickOff())).status).toBe(202);
    // Nothing listens on port 9: the driver's connection is refused.
    const down = {
      ...env,
      DATABASE_URL: "postgres://postgres@127.0.0.1:9/buzz",
      NEON_WS_PROXY: "127.0.0.1:9",
    };
    const ctx = createExecutionContext();
    const res = await app.request(`/v1/matches/${matchId}/analytics`, {}, down, ctx);
    await waitOnExecutionContext(ctx);

    expect(res.status).toBe(503);
    const error = await errorOf(res);
    expect(error.code).toBe("analytics_unavailable");
    expect(error.message).toMatch(/did not answer/);
  });
});

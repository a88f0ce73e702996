import { describe, expect, it } from "vitest";
import { call, errorOf, fixtureBody, freshMatchId, putFixture } from "../testing/http.js";

function putWith(authorization: string | null, matchId = freshMatchId()) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (authorization !== null) headers.Authorization = authorization;
  return call(`/v1/matches/${matchId}`, { method: "PUT", headers, body: JSON.stringify(fixtureBody()) });
}

describe("admin bearer token", () => {
  it.each([
    ["no Authorization header", null],
    ["a wrong token", "Bearer not-the-token"],
    ["a prefix of the token", "Bearer dev-admin"],
    ["the token with a suffix", "Bearer dev-admin-token2"],
    ["another scheme", "Basic ZGV2LWFkbWluLXRva2Vu"],
    ["the bare token", "dev-admin-token"],
  ])("refuses %s with 401 and changes nothing", async (_, authorization) => {
    const matchId = freshMatchId();
    const res = await putWith(authorization, matchId);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("unauthorized");
    expect((await call(`/v1/matches/${matchId}`)).status).toBe(404);
  });

  it("checks the token before looking at the body", async () => {
    const res = await call(`/v1/matches/${freshMatchId()}`, { method: "PUT", body: "{not json" });
    expect(res.status).toBe(401);
  });

  it("accepts the admin token", async () => {
    expect((await putFixture(freshMatchId())).status).toBe(201);
  });
});

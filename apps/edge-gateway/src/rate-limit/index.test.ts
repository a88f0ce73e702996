// The limiters of wrangler.jsonc, hit through the app as a flood would hit them, with the small budgets the test
// config gives them (TEST_LIMITS: the production numbers are config). Each request is refused cheaply after the
// limit is counted (a body that fails validation), so no state changes while the budget is used up.
import { describe, expect, it } from "vitest";
import { call, errorOf, freshMatchId, ingestRaw, putFixture } from "../testing/http.js";
import { TEST_LIMITS } from "../testing/limits.js";

/** Requests until the first 429, at most `max`; a window may end on the way, so up to twice the limit. */
async function floodUntil429(send: () => Promise<Response>, max: number) {
  let before = 0;
  for (; before < max; before++) {
    const res = await send();
    if (res.status === 429) return { before, res };
    await res.body?.cancel();
  }
  throw new Error(`no 429 after ${max} requests`);
}

describe("rate limits", { timeout: 60_000 }, () => {
  it("registers a bounded number of devices a minute from one address: then 429 rate_limited with Retry-After", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const register = (ip: string) =>
      call("/v1/devices", {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": ip },
        body: '{"locale":"fr_FR"}', // refused after counting (422): no device is created
      });
    const { before, res } = await floodUntil429(
      () => register(address),
      3 * TEST_LIMITS.DEVICE_REGISTRATIONS,
    );
    expect(before).toBeGreaterThanOrEqual(TEST_LIMITS.DEVICE_REGISTRATIONS);
    expect(res.headers.get("Retry-After")).toBe("60");
    expect(await errorOf(res)).toMatchObject({ code: "rate_limited" });
    // Another address has its own budget.
    expect((await register("203.0.113.77")).status).toBe(422);
  });

  it("takes a bounded number of requests per 10 s from one key for one match, then 429 with Retry-After", async () => {
    const matchId = freshMatchId("flood");
    expect((await putFixture(matchId)).status).toBe(201);
    // 400 invalid_json after counting
    const { before, res } = await floodUntil429(() => ingestRaw(matchId, "{"), 3 * TEST_LIMITS.INGEST_BY_KEY);
    expect(before).toBeGreaterThanOrEqual(TEST_LIMITS.INGEST_BY_KEY);
    expect(res.headers.get("Retry-After")).toBe("10");
    expect(await errorOf(res)).toMatchObject({ code: "rate_limited" });
    // Another match of the same key is not held up by this one's flood.
    const other = freshMatchId("calm");
    expect((await putFixture(other)).status).toBe(201);
    expect((await ingestRaw(other, "{")).status).toBe(400);
  });
});

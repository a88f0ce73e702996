// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { BuzzFatalError } from "../index.js";
import { until, useHarness } from "../testing/harness.js";

const h = useHarness();
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `WebSocket: undefined` picks the global one, here jsdom's implementation of the WHATWG WebSocket: as in a browser,
 * a refused upgrade is only an `error` Event and a 1006 close, with no status, so the SDK must learn why over HTTP.
 */
describe.each([
  ["ws (the upgrade's status is readable)", () => ({})],
  ["a browser WebSocket (it is not)", () => ({ WebSocket: undefined })],
])("fatal refusals, %s", (_, socket) => {
  it("a match the server does not know ends in `failed` with 404 match_not_found, and no more attempts", async () => {
    const handle = h.client(socket()).match("nowhere");
    const statuses: string[] = [];
    const errors: Error[] = [];
    handle.on("status", (s) => statuses.push(s));
    handle.on("error", (e) => errors.push(e));
    await until(() => expect(handle.status).toBe("failed"));
    expect(handle.error).toBeInstanceOf(BuzzFatalError);
    expect(handle.error).toMatchObject({ status: 404, code: "match_not_found" });
    expect(handle.getSnapshot()).toMatchObject({ status: "failed", error: handle.error });
    expect(errors).toContain(handle.error);
    expect(statuses.at(-1)).toBe("failed");
    const attempts = h.server.upgrades;
    await settle(300); // the backoff here is 10–50 ms: a retry loop would have tried again several times
    expect(h.server.upgrades).toBe(attempts);
  });

  it.each([
    [401, "unauthorized"],
    [403, "forbidden"],
  ])("%i ends the match feed and the live list", async (status, code) => {
    h.server.match("m");
    h.server.refuse = { status, code };
    const client = h.client(socket());
    const [match, list] = [client.match("m"), client.matches()];
    await until(() => expect([match.status, list.status]).toEqual(["failed", "failed"]));
    expect(match.error).toMatchObject({ status, code });
    expect(list.error).toMatchObject({ status, code });
  });

  it("an outage (503) is not fatal: it keeps retrying, and goes live once the server is back", async () => {
    h.server.match("m");
    h.server.refuse = { status: 503, code: "unavailable" };
    const handle = h.client(socket()).match("m");
    await until(() => expect(h.server.upgrades).toBeGreaterThanOrEqual(5));
    expect(handle.status).toBe("connecting");
    expect(handle.error).toBeNull();
    h.server.refuse = null;
    await until(() => expect(handle.status).toBe("live"));
    expect(handle.state?.match_id).toBe("m");
  });

  it("after a failure, opening the match again tries afresh (it may exist now); the failed handle stays failed", async () => {
    const client = h.client(socket());
    const first = client.match("later");
    await until(() => expect(first.status).toBe("failed"));
    h.server.match("later");
    const second = client.match("later");
    await until(() => expect(second.status).toBe("live"));
    expect(first.status).toBe("failed");
    first.close();
    expect(second.status).toBe("live");
    expect(first.status).toBe("offline");
  });
});

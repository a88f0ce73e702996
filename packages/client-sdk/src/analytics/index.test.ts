// The analytics feed against the in-process fake server: reads, debounced re-reads on new events, pending and 503.
import type { MatchAnalytics } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import { BuzzHttpError } from "../client/http.js";
import type { FakeMatch } from "../testing/fake-server.js";
import { until, useHarness } from "../testing/harness.js";
import { type AnalyticsOptions, MatchAnalyticsFeed, matchAnalytics } from "./index.js";

const h = useHarness();

function body(m: FakeMatch, xg: { home: number; away: number }, pending = 0): MatchAnalytics {
  return {
    match_id: m.id,
    last_sequence: m.state.last_sequence,
    events: [],
    pending,
    totals: { expected_goals: xg, attempts: { home: 0, away: 0 } },
  };
}
const UNAVAILABLE = [
  503,
  {
    error: {
      code: "analytics_unavailable",
      message: "expected goals are unavailable: Postgres did not answer",
    },
  },
] as [number, unknown];

/** A feed on `id` through a harness client, with the server's base URL. */
function feedOn(id: string, options: AnalyticsOptions = {}) {
  const client = h.client();
  const feed = new MatchAnalyticsFeed(
    { baseUrl: h.server.baseUrl, match: (m) => client.match(m) },
    id,
    options,
  );
  const seen: string[] = [];
  feed.on("change", (s) => seen.push(s.status));
  return { feed, seen, close: () => feed.close() };
}

describe("matchAnalytics", () => {
  it("reads a match's analytics, and throws the server's error code otherwise", async () => {
    const m = h.server.match("a1");
    m.analytics = [200, body(m, { home: 0.76, away: 0.1 })];
    expect(await matchAnalytics({ baseUrl: `${h.server.baseUrl}/` }, "a1")).toEqual(
      body(m, { home: 0.76, away: 0.1 }),
    );
    m.analytics = UNAVAILABLE;
    await expect(matchAnalytics({ baseUrl: h.server.baseUrl }, "a1")).rejects.toMatchObject({
      status: 503,
      code: "analytics_unavailable",
    });
    const missing = await matchAnalytics({ baseUrl: h.server.baseUrl }, "nope").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(BuzzHttpError);
    expect(missing).toMatchObject({ status: 404, code: "match_not_found" });
  });
});

describe("MatchAnalyticsFeed", () => {
  it("reads at once, then once more after a burst of new shots and goals", async () => {
    const m = h.server.match("f1");
    m.analytics = [200, body(m, { home: 0, away: 0 })];
    const { feed } = feedOn("f1", { debounceMs: 300 });
    await until(() => expect(feed.getSnapshot().status).toBe("ready"));
    await until(() => expect(h.server.openSockets()).toBe(1));
    expect(m.analyticsReads).toBe(1);

    m.analytics = [200, body(m, { home: 0.9, away: 0.2 })];
    m.append("shot", "goal-home", "goal-away");
    await until(() =>
      expect(feed.getSnapshot().analytics?.totals.expected_goals).toEqual({ home: 0.9, away: 0.2 }),
    );
    // The three events arrived together: one read for all of them, of the state they made.
    expect(m.analyticsReads).toBe(2);
    expect(m.analyticsUntil.at(-1)).toBe(m.state.last_sequence);
    feed.close();
  });

  it("reads again while events are pending enrichment, then stops", async () => {
    const m = h.server.match("f2");
    m.analytics = [200, body(m, { home: 0.1, away: 0 }, 2)];
    const { feed } = feedOn("f2", { pendingRetryMs: 20 });
    await until(() => expect(m.analyticsReads).toBeGreaterThanOrEqual(2));
    m.analytics = [200, body(m, { home: 0.4, away: 0 }, 0)];
    await until(() => expect(feed.getSnapshot().analytics?.totals.expected_goals.home).toBe(0.4));
    const reads = m.analyticsReads;
    await new Promise((r) => setTimeout(r, 100));
    expect(m.analyticsReads).toBe(reads);
    feed.close();
  });

  it("gives up re-reading pending events after maxPendingRetries", async () => {
    const m = h.server.match("f3");
    m.analytics = [200, body(m, { home: 0, away: 0 }, 1)];
    const { feed } = feedOn("f3", { pendingRetryMs: 5, maxPendingRetries: 3 });
    await until(() => expect(m.analyticsReads).toBe(4));
    await new Promise((r) => setTimeout(r, 100));
    expect(m.analyticsReads).toBe(4);
    feed.close();
  });

  it("says unavailable on a 503, keeps the last figures, and recovers on a later read", async () => {
    const m = h.server.match("f4");
    m.analytics = [200, body(m, { home: 0.3, away: 0 })];
    const { feed, seen } = feedOn("f4", { retryMs: 20, debounceMs: 10 });
    await until(() => expect(feed.getSnapshot().status).toBe("ready"));
    m.analytics = UNAVAILABLE;
    await until(() => expect(h.server.openSockets()).toBe(1));
    m.append("shot");
    await until(() => expect(feed.getSnapshot().status).toBe("unavailable"));
    expect(feed.getSnapshot().error).toEqual({
      status: 503,
      code: "analytics_unavailable",
      message: "expected goals are unavailable: Postgres did not answer",
    });
    expect(feed.getSnapshot().analytics?.totals.expected_goals.home).toBe(0.3);
    m.analytics = [200, body(m, { home: 0.5, away: 0 })];
    await until(() => expect(feed.getSnapshot()).toMatchObject({ status: "ready", error: null }));
    expect(seen).toEqual(["ready", "unavailable", "ready"]);
    feed.close();
  });

  it("is an error, not retried, for a match that does not exist; close() stops reading and releases the socket", async () => {
    const { feed } = feedOn("ghost", { retryMs: 10 });
    await until(() =>
      expect(feed.getSnapshot()).toMatchObject({
        status: "error",
        error: { status: 404, code: "match_not_found" },
      }),
    );
    const m = h.server.match("f5");
    const live = feedOn("f5", { debounceMs: 10 });
    await until(() => expect(h.server.openSockets()).toBe(1));
    live.close();
    feed.close();
    m.append("goal-home");
    await until(() => expect(h.server.openSockets()).toBe(0));
    expect(m.analyticsReads).toBe(1);
  });
});

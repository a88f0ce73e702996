// @vitest-environment jsdom
// useMatchAnalytics in a browser-like DOM (and on the server, without one in ssr.test.ts's spirit), against the fake server.
import { act, cleanup, render, screen } from "@testing-library/react";
import { createElement, StrictMode } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import type { BuzzClient } from "../index.js";
import { until, useHarness } from "../testing/harness.js";
import { BuzzProvider, useMatchAnalytics } from "./index.js";

const h = useHarness();
afterEach(cleanup);
const textOf = (el: unknown) => (el as { textContent: string | null }).textContent;

function Xg({ id }: { id: string }) {
  const { status, analytics, error } = useMatchAnalytics(id, { debounceMs: 20, retryMs: 20 });
  const xg = analytics
    ? `${analytics.totals.expected_goals.home}-${analytics.totals.expected_goals.away}`
    : "none";
  return createElement("p", { "data-testid": "xg" }, `${status} ${xg}${error ? ` ${error.code}` : ""}`);
}
const shown = () => textOf(screen.getByTestId("xg"));
const totals = (home: number, away: number) => ({
  match_id: "x",
  last_sequence: 0,
  events: [],
  pending: 0,
  totals: { expected_goals: { home, away }, attempts: { home: 0, away: 0 } },
});
const withProvider = (client: BuzzClient, id: string) =>
  createElement(StrictMode, null, createElement(BuzzProvider, { client }, createElement(Xg, { id })));

describe("useMatchAnalytics", () => {
  it("shows the analytics, follows new goals, says when they are unavailable, and releases everything on unmount", async () => {
    const m = h.server.match("x");
    m.analytics = [200, totals(0.2, 0)];
    const view = render(withProvider(h.client(), "x"));
    expect(shown()).toBe("loading none");
    await until(() => expect(shown()).toBe("ready 0.2-0"));
    await until(() => expect(h.server.openSockets()).toBe(1));

    m.analytics = [200, totals(0.2, 0.55)];
    act(() => void m.append("goal-away"));
    await until(() => expect(shown()).toBe("ready 0.2-0.55"));

    m.analytics = [503, { error: { code: "analytics_unavailable", message: "no Postgres" } }];
    act(() => void m.append("shot"));
    await until(() => expect(shown()).toBe("unavailable 0.2-0.55 analytics_unavailable"));

    view.unmount();
    await until(() => expect(h.server.openSockets()).toBe(0));
    const reads = m.analyticsReads;
    await new Promise((r) => setTimeout(r, 80));
    expect(m.analyticsReads).toBe(reads);
  });

  it("renders the loading snapshot on the server and reads nothing", () => {
    const m = h.server.match("ssr");
    const html = renderToString(withProvider(h.client(), "ssr"));
    expect(html).toBe('<p data-testid="xg">loading none</p>');
    expect(m.analyticsReads).toBe(0);
    expect(h.server.connections).toHaveLength(0);
  });
});

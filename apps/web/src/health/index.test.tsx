import type { OpsHealth } from "@buzz/schema/contract";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { stubApi } from "../testing/api.js";
import { renderPage } from "../testing/render.js";
import { HealthPage } from "./index.js";

const p = (n: number, p50: number | null, p99: number | null) => ({ n, p50_ms: p50, p99_ms: p99 });
const health = (delivered: number): OpsHealth => ({
  generated_at: "2018-07-15T15:40:00.000Z",
  queues: [
    { name: "match-events", backlog: 12, dead_letters: 0 },
    { name: "notifications", backlog: null, dead_letters: 3 },
  ],
  dispatch: { attempted: delivered + 3, delivered, pruned: 2, retried: 5, dead: 1, superseded: 4 },
  latency: {
    received: p(40, 12, 48),
    sequenced: p(40, 2, 6),
    enriched: p(40, 20, 70),
    routed: p(40, 5, 9),
    dispatched: p(0, null, null),
  },
  sockets: [{ match_id: "wc2018-64-fra-cro", websockets: 7, sse: 1 }],
  list_sockets: 12,
  archive: { requeued_by_sweeper: 0 },
});

describe("HealthPage", () => {
  it("asks for the admin token before calling anything", () => {
    const calls = stubApi(() => undefined);
    renderPage(<HealthPage />);
    expect(screen.getByLabelText("Admin token")).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it("says plainly that the pipeline has not landed when /v1/ops/health 404s", async () => {
    sessionStorage.setItem("buzz:admin-token", "t");
    stubApi(() => undefined);
    renderPage(<HealthPage />);
    expect((await screen.findByRole("status")).textContent).toContain(
      "Not available: the pipeline has not landed.",
    );
    expect(screen.queryByTestId("health")).toBeNull();
  });

  it("shows backlogs, dead letters, dispatch outcomes, stage latency against budget and sockets, refreshed", async () => {
    sessionStorage.setItem("buzz:admin-token", "t");
    let delivered = 10;
    const calls = stubApi((c) => (c.path === "/v1/ops/health" ? { body: health(delivered++) } : undefined));
    renderPage(<HealthPage />);
    const page = await screen.findByTestId("health");
    expect(calls[0]).toMatchObject({ auth: "Bearer t" });
    expect(page.textContent).toContain("12 waiting");
    expect(page.textContent).toContain("backlog unknown");
    expect(screen.getByText("3 dead letters").className).toContain("tag-bad");
    expect(screen.getByRole("img", { name: "10 delivered, 2 pruned, 1 dead" })).toBeTruthy();
    const enriched = screen.getByRole("rowheader", { name: "enriched" }).closest("tr")!;
    expect(
      within(enriched)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["50 ms", "40", "20 ms", "70 msover budget"]);
    expect(
      within(screen.getByRole("rowheader", { name: "dispatched" }).closest("tr")!).getAllByRole("cell")[2]!
        .textContent,
    ).toBe("—");
    expect(page.textContent).toContain("7 WebSocket, 1 SSE");
    expect(page.textContent).toContain("Live match list: 12 WebSocket");
    await waitFor(() => expect(screen.getByRole("img", { name: /11 delivered/ })).toBeTruthy(), {
      timeout: 4000,
    });
  });

  it("asks again when the server refuses the token", async () => {
    sessionStorage.setItem("buzz:admin-token", "wrong");
    stubApi(() => ({
      status: 401,
      body: { error: { code: "unauthorized", message: "invalid admin token" } },
    }));
    renderPage(<HealthPage />);
    expect((await screen.findByRole("alert")).textContent).toContain("invalid admin token");
    expect(screen.getByLabelText("Admin token")).toBeTruthy();
  });

  it("lists the alerts, the firing ones first, with value and threshold", async () => {
    sessionStorage.setItem("buzz:admin-token", "t");
    const alerts = [
      {
        id: "a1",
        rule: "dead_letters_growing",
        state: "resolved",
        since: "2018-07-15T15:39:00.000Z",
        value: 0,
        threshold: 0,
      },
      {
        id: "a2",
        rule: "publish_delay_p99",
        state: "firing",
        since: "2018-07-15T15:39:30.000Z",
        value: 2600,
        threshold: 2000,
      },
    ];
    stubApi((c) =>
      c.path === "/v1/ops/health"
        ? { body: health(1) }
        : c.path === "/v1/ops/alerts"
          ? { body: { alerts } }
          : undefined,
    );
    renderPage(<HealthPage />);
    const card = await screen.findByTestId("alerts");
    expect(card.textContent).toContain("1 firing");
    const items = within(card).getAllByRole("listitem");
    expect(items.map((li) => li.dataset.rule)).toEqual(["publish_delay_p99", "dead_letters_growing"]);
    expect(items[0]!.textContent).toContain("2600 ms (threshold 2000 ms)");
  });
});

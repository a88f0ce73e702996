import type { EventTimings } from "@buzz/schema/contract";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stubApi } from "../testing/api.js";
import { FakeBuzz } from "../testing/fake-buzz.js";
import { finalScript, stateAfter } from "../testing/fixtures.js";
import { renderPage } from "../testing/render.js";
import { LatencyPage } from "./index.js";

const ID = "wc2018-64-fra-cro";
const LATENCY = `/v1/ops/matches/${ID}/latency`;
const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

function open(token: string | null = "dev-admin-token") {
  if (token) sessionStorage.setItem("buzz:admin-token", token);
  const script = finalScript(ID);
  const buzz = new FakeBuzz();
  buzz.log.set(ID, script.events.slice(0, 6));
  renderPage(<LatencyPage matchId={ID} />, buzz);
  buzz.setMatch(stateAfter(script, 6));
  return { buzz, script };
}

const row = (hop: string) => screen.getByTestId(`stage-${hop}`);

afterEach(() => vi.useRealTimers());

describe("LatencyPage", () => {
  it("says plainly that the pipeline has not landed when its route 404s, and still times the edge", async () => {
    const calls = stubApi(() => undefined);
    open();
    await screen.findByText("Not available: the pipeline has not landed.", { selector: "strong" });
    expect(calls[0]).toMatchObject({ method: "GET", path: LATENCY, auth: "Bearer dev-admin-token" });
    for (const hop of ["enriched", "routed", "dispatched"])
      expect(row(hop).textContent).toContain("Not available: the pipeline has not landed.");
    await waitFor(() => expect(row("received").textContent).toContain("6"));
    // Six events at 40 ms each but the amendment at 900 ms: p50 40 ms, p99 900 ms, over the 50 ms budget.
    const cells = within(row("received"))
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(cells).toEqual(["50 ms", "6", "40 ms", "900 msover budget"]);
    expect(within(row("received")).getAllByRole("cell")[3]!.className).toBe("over");
    expect(row("sequenced").textContent).not.toContain("over budget");
  });

  it("records when each live event reached this page", async () => {
    stubApi(() => undefined);
    const { buzz, script } = open();
    await waitFor(() => expect(screen.getAllByText(/GOAL Croatia/).length).toBeGreaterThan(0));
    const next = script.events[6]!;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse(next.published_at) + 25);
    buzz.publish(next);
    vi.useRealTimers();
    expect(
      within(row("shown"))
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["—", "1", "25 ms", "25 ms"]);
    const live = screen.getByTestId("waterfall").querySelector(`[data-event-id="${next.event_id}"]`)!;
    expect(live.querySelector('[data-hop="shown"]')!.textContent).toContain("25 ms");
    const earlier = screen
      .getByTestId("waterfall")
      .querySelector(`[data-event-id="${script.events[0]!.event_id}"]`)!;
    expect(earlier.querySelector('[data-hop="shown"]')!.textContent).toContain("not live here");
  });

  it("shows the pipeline's hops once it answers, over-budget ones marked", async () => {
    const script = finalScript(ID);
    const timings: EventTimings[] = script.events.slice(0, 6).map((e) => ({
      event_id: e.event_id,
      sequence_number: e.sequence_number,
      event_type: e.event_type,
      at: {
        enriched: at(e.published_at, 10),
        routed: at(e.published_at, 20),
        dispatched: at(e.published_at, e.sequence_number === 3 ? 180 : 60),
      },
    }));
    stubApi((c) => (c.path === LATENCY ? { body: { events: timings } } : undefined));
    open();
    await waitFor(() =>
      expect(
        within(row("dispatched"))
          .getAllByRole("cell")
          .map((c) => c.textContent),
      ).toEqual(["100 ms", "6", "40 ms", "160 msover budget"]),
    );
    expect(
      within(row("routed"))
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["30 ms", "6", "10 ms", "10 ms"]);
    const goal = screen
      .getByTestId("waterfall")
      .querySelector(`[data-event-id="${script.events[2]!.event_id}"]`)!;
    expect(goal.textContent).toContain("over budget: dispatched");
    expect(goal.querySelectorAll(".seg-over")).toHaveLength(1);
    expect(screen.queryByText(/pipeline has not landed/)).toBeNull();
  });

  it("asks for the admin token for the pipeline's hops, and uses it once given", async () => {
    const calls = stubApi(() => undefined);
    open(null);
    expect(row("enriched").textContent).toContain("needs the admin token");
    expect(calls).toHaveLength(0);
    fireEvent.change(screen.getByLabelText("Admin token"), { target: { value: "s3cret" } });
    fireEvent.click(screen.getByRole("button", { name: "Use token" }));
    await waitFor(() => expect(calls[0]).toMatchObject({ path: LATENCY, auth: "Bearer s3cret" }));
    expect(sessionStorage.getItem("buzz:admin-token")).toBe("s3cret");
  });
});

import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Simulation } from "../api/simulations.js";
import { type Call, stubApi } from "../testing/api.js";
import { FakeBuzz } from "../testing/fake-buzz.js";
import { finalScript } from "../testing/fixtures.js";
import { renderPage } from "../testing/render.js";
import { OpsPage } from "./index.js";

const ID = "wc2018-64-fra-cro";

const sim = (over: Partial<Simulation> = {}): Simulation => ({
  simulation_id: "sim-1",
  match_id: ID,
  title: "France – Croatia",
  speed: 500,
  status: "running",
  sent: 12,
  total: 40,
  clock: "38'",
  score: { home: 2, away: 1 },
  penalty_score: null,
  ...over,
});

/** A fake of the simulations routes and the operator ingest, recording what the page sent. */
function opsServer() {
  const sims: Simulation[] = [];
  const calls = stubApi((c: Call) => {
    if (c.path === "/v1/ops/simulations" && c.method === "POST") {
      sims.unshift(sim());
      return { status: 202, body: { simulation_id: "sim-1", match_id: ID, status: "running" } };
    }
    if (c.path === "/v1/ops/simulations") return { body: { simulations: sims } };
    if (c.path === "/v1/ops/simulations/sim-1" && c.method === "DELETE") {
      sims[0] = sim({ status: "cancelled" });
      return { body: sims[0] };
    }
    if (c.path === `/v1/ops/matches/${ID}/events`)
      return {
        status: 202,
        body: { results: [{ event_id: "x", sequence_number: 11, status: "sequenced" }] },
      };
    return undefined;
  });
  return calls;
}

function enterToken() {
  fireEvent.change(screen.getByLabelText("Admin token"), { target: { value: "dev-admin-token" } });
  fireEvent.click(screen.getByRole("button", { name: "Use token" }));
}

describe("OpsPage", () => {
  it("takes the admin token once, keeps it for the tab, and forgets it on request", () => {
    opsServer();
    renderPage(<OpsPage />);
    enterToken();
    expect(sessionStorage.getItem("buzz:admin-token")).toBe("dev-admin-token");
    expect(screen.queryByLabelText("Admin token")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Forget admin token" }));
    expect(sessionStorage.getItem("buzz:admin-token")).toBeNull();
    expect(screen.getByLabelText("Admin token")).toBeTruthy();
  });

  it("starts a replay of any 2018 match at the chosen speed, shows its progress and cancels it", async () => {
    const calls = opsServer();
    sessionStorage.setItem("buzz:admin-token", "dev-admin-token");
    renderPage(<OpsPage />);
    const form = screen.getByRole("form", { name: "Replay a 2018 match" });
    const match = within(form).getByLabelText("Match");
    expect(within(match).getAllByRole("option")).toHaveLength(64);
    expect(within(match).getByRole("option", { name: "64 · France – Croatia (Final)" })).toBeTruthy();
    fireEvent.change(match, { target: { value: "49" } });
    fireEvent.change(within(form).getByLabelText("Speed"), { target: { value: "500" } });
    fireEvent.click(screen.getByRole("button", { name: "Start replay" }));

    expect((await screen.findByText(/Replay started into wc2018-64-fra-cro/)).textContent).toBeTruthy();
    expect(calls.find((c) => c.method === "POST")).toMatchObject({
      path: "/v1/ops/simulations",
      auth: "Bearer dev-admin-token",
      body: { match: "49", speed: 500 },
    });
    const list = await screen.findByTestId("simulations");
    const progress = within(list).getByRole("progressbar") as HTMLProgressElement;
    expect([progress.value, progress.max]).toEqual([12, 40]);
    expect(list.textContent).toContain("12/40 events · 38'");

    fireEvent.click(within(list).getByRole("button", { name: "Cancel replay of France – Croatia" }));
    await waitFor(() => expect(within(screen.getByTestId("simulations")).queryByRole("button")).toBeNull());
    expect(calls.some((c) => c.method === "DELETE" && c.path === "/v1/ops/simulations/sim-1")).toBe(true);
    expect(screen.getByTestId("simulations").textContent).toContain("cancelled");
  });

  it("cancels a goal by VAR with the referee's GOAL_CANCELLED naming the goal", async () => {
    const calls = opsServer();
    sessionStorage.setItem("buzz:admin-token", "dev-admin-token");
    const script = finalScript(ID);
    const buzz = new FakeBuzz();
    renderPage(<OpsPage />, buzz);
    buzz.setMatches([script.summary()]);
    buzz.setMatch(script.state);
    // The Croatian goal is already cancelled in this script: only the French one is offered.
    const section = screen.getByRole("region", { name: "Cancel a goal by VAR" });
    expect(within(section).getAllByRole("button")).toHaveLength(1);
    fireEvent.click(
      within(section).getByRole("button", { name: "Cancel by VAR: France (Antoine Griezmann) 18'" }),
    );

    await within(section).findByText(/cancelled \(sequence 11\)/);
    const post = calls.find((c) => c.path === `/v1/ops/matches/${ID}/events`)!;
    expect(post.auth).toBe("Bearer dev-admin-token");
    expect(post.body).toMatchObject({
      event_type: "GOAL_CANCELLED",
      source: { system: "REFEREE" },
      data: { reason: "VAR" },
      metadata: { causation_id: script.state.goals[0]!.event_id },
    });
    expect(Number.isNaN(Date.parse((post.body as { occurred_at: string }).occurred_at))).toBe(false);
  });
});

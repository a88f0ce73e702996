import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MatchSummary } from "../api/index.js";
import { MatchList } from "./index.js";

function summary(over: Partial<MatchSummary> & Pick<MatchSummary, "match_id">): MatchSummary {
  return {
    competition: { id: "wc-2018", name: "FIFA World Cup 2018" },
    kickoff_at: "2018-07-15T15:00:00Z",
    venue: "Luzhniki Stadium, Moscow",
    status: "LIVE",
    period: "FIRST_HALF",
    in_play: true,
    minute: 38,
    stoppage_minute: 0,
    last_sequence: 9,
    home: { team_id: "FRA", name: "France", score: 2 },
    away: { team_id: "CRO", name: "Croatia", score: 1 },
    penalty_score: null,
    updated_at: "2018-07-15T15:38:12.534Z",
    ...over,
  };
}

const final = summary({ match_id: "wc2018-final", status: "FINISHED", home: { team_id: "FRA", name: "France", score: 4 }, away: { team_id: "CRO", name: "Croatia", score: 2 } });
const r16 = summary({
  match_id: "wc2018-r16-cro-den", status: "LIVE", period: "SECOND_HALF", minute: 45, stoppage_minute: 2,
  home: { team_id: "CRO", name: "Croatia", score: 1 }, away: { team_id: "DEN", name: "Denmark", score: 1 },
});
const semi = summary({ match_id: "wc2018-sf-fra-bel", status: "SCHEDULED", period: null, in_play: false, minute: null, kickoff_at: "2018-07-10T18:00:00Z",
  home: { team_id: "FRA", name: "France", score: 0 }, away: { team_id: "BEL", name: "Belgium", score: 0 } });

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("MatchList", () => {
  it("lists GET /v1/matches with score, status and minute, each linking to its match", async () => {
    const fetch = vi.fn(async (_url: string) => json({ matches: [final, r16, semi] }));
    vi.stubGlobal("fetch", fetch);

    render(<MatchList />);

    const finalRow = await screen.findByTestId("match-wc2018-final");
    expect(fetch.mock.calls[0]?.[0]).toBe("/v1/matches");
    expect(within(finalRow).getByRole("link", { name: "France – Croatia" }).getAttribute("href")).toBe("#/matches/wc2018-final");
    expect(finalRow.textContent).toContain("4 – 2");
    expect(finalRow.textContent).toContain("FINISHED");
    expect(finalRow.textContent).toContain("full time");

    const live = screen.getByTestId("match-wc2018-r16-cro-den");
    expect(live.textContent).toContain("1 – 1");
    expect(live.textContent).toContain("LIVE");
    expect(live.textContent).toContain("2nd half · 45+2'");

    expect(screen.getByTestId("match-wc2018-sf-fra-bel").textContent).toContain("kick-off 2018-07-10 18:00 UTC");
  });

  it("refreshes the scores", async () => {
    const scores = [1, 2];
    vi.stubGlobal("fetch", vi.fn(async () => json({ matches: [summary({ match_id: "wc2018-final", home: { team_id: "FRA", name: "France", score: scores.shift() ?? 2 } })] })));

    render(<MatchList refreshMs={10} />);

    expect((await screen.findByTestId("match-wc2018-final")).textContent).toContain("1 – 1");
    await vi.waitFor(() => expect(screen.getByTestId("match-wc2018-final").textContent).toContain("2 – 1"));
  });

  it("says when there is nothing to show, and when the API fails", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => json({ matches: [] })));
    render(<MatchList />);
    expect(await screen.findByText(/No matches yet/)).toBeTruthy();
    cleanup();

    vi.stubGlobal("fetch", vi.fn(async () => json({ error: { code: "unavailable", message: "directory is warming up" } }, 503)));
    render(<MatchList />);
    expect((await screen.findByRole("alert")).textContent).toContain("directory is warming up");
  });
});

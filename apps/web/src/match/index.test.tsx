import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FakeBuzz } from "../testing/fake-buzz.js";
import { CRO, FRA, finalScript, GRIEZMANN, MatchScript, MODRIC, stateAfter } from "../testing/fixtures.js";
import { renderPage } from "../testing/render.js";
import { MatchCentre } from "./index.js";

const ID = "wc2018-64-fra-cro";

/** A match whose first six events happened before the page opened (read from the log), the rest live. */
function openAtSix() {
  const script = finalScript(ID);
  const buzz = new FakeBuzz();
  buzz.log.set(ID, script.events.slice(0, 6));
  const page = renderPage(<MatchCentre matchId={ID} />, buzz);
  buzz.setMatch(stateAfter(script, 6));
  return { ...page, script };
}

const timelineTexts = () =>
  within(screen.getByTestId("timeline"))
    .getAllByRole("listitem")
    .map((li) => li.textContent);

describe("MatchCentre", () => {
  it("shows the scoreboard, and the history from before it opened: a provisional goal, its amendment, a card", async () => {
    openAtSix();
    expect(screen.getByTestId("score").textContent).toBe("1–1");
    await screen.findByText(/GOAL France: scorer to be confirmed \(goal-line sensor\)/);
    const texts = timelineTexts();
    // Newest first.
    expect(texts[0]).toContain("GOAL Croatia: Ivan Perišić");
    expect(texts).toContainEqual(expect.stringContaining("Goal for France confirmed: Antoine Griezmann"));
    expect(texts).toContainEqual(expect.stringContaining("scorer confirmed below"));
    expect(texts).toContainEqual(expect.stringContaining("yellow card: Luka Modrić (Croatia)"));
    expect(texts.some((t) => t?.includes("Shot by"))).toBe(false);
    expect(screen.getByLabelText("home goals").textContent).toContain("Antoine Griezmann 18'");
  });

  it("updates score and timeline live: a VAR cancellation strikes the goal, a substitution reaches the lineups", async () => {
    const { buzz, script } = openAtSix();
    await screen.findByText(/GOAL France: scorer to be confirmed/);
    buzz.publish(script.events[6]!);

    expect(screen.getByTestId("score").textContent).toBe("1–0");
    const cancelled = screen.getByText(/GOAL Croatia: Ivan Perišić/).closest("li")!;
    expect(cancelled.className).toContain("struck");
    expect(cancelled.textContent).toContain("cancelled (VAR)");
    expect(timelineTexts()[0]).toContain("VAR: goal for Croatia cancelled · 1–0");
    expect(screen.getByLabelText("away goals").textContent).toContain("cancelled: VAR");

    for (const e of script.events.slice(7)) buzz.publish(e);
    expect(timelineTexts()[0]).toContain("France: Corentin Tolisso on for Paul Pogba");
    const lineups = screen.getByRole("region", { name: "Lineups" });
    expect(within(lineups).getByText("Paul Pogba").closest("li")!.textContent).toContain("off 55'");
    expect(within(lineups).getByText("Corentin Tolisso").closest("li")!.textContent).toContain("on 55'");
  });

  it("draws shots and goals on the pitch as small rings while xG is unavailable, says why, and can list the shots", async () => {
    const { container, buzz, script } = openAtSix();
    for (const e of script.events.slice(6)) buzz.publish(e);
    await screen.findByText(/GOAL France: scorer to be confirmed/);

    const markers = container.querySelectorAll("svg.pitch circle.marker");
    expect(markers).toHaveLength(3);
    expect(new Set([...markers].map((m) => m.getAttribute("r")))).toEqual(new Set(["1.2"]));
    expect(container.querySelectorAll("svg.pitch .marker-cancelled")).toHaveLength(1);
    expect(
      (
        await screen.findByText(/Expected goals are unavailable right now: no analytics in this test/)
      ).getAttribute("role"),
    ).toBe("note");
    expect(screen.getByRole("img", { name: /Attempts so far: France 2, Croatia 1/ })).toBeTruthy();

    fireEvent.click(screen.getByLabelText(/show 1 shots/));
    expect(timelineTexts()).toContainEqual(
      expect.stringContaining("Shot by Antoine Griezmann (France), off target"),
    );
  });

  it("says so when the live feed cannot follow the match because it does not exist", async () => {
    const { buzz } = renderPage(<MatchCentre matchId="nope" />);
    expect(screen.getByText("Connecting to nope…")).toBeTruthy();
    buzz.fail("nope", "WebSocket error");
    expect((await screen.findByRole("alert")).textContent).toBe("Cannot follow nope: no match nope");
  });

  it("shows a running VAR review until its decision, and each side's stats", async () => {
    const m = new MatchScript(ID);
    m.add("PERIOD_STARTED", { match_period: "FIRST_HALF", match_minute: 0 });
    const clock = { match_minute: 12, stoppage_minute: 0, match_period: "FIRST_HALF" } as const;
    m.add("CORNER_KICK", { team: FRA, player: GRIEZMANN, ...clock });
    m.add("CORNER_KICK", { team: FRA, player: null, ...clock });
    m.add("FOUL", { team: CRO, player: MODRIC, ...clock });
    m.add("SAVE", { team: CRO, player: null, ...clock });
    const goal = m.goal(FRA, 20, GRIEZMANN);
    const review = m.add(
      "VAR_REVIEW_STARTED",
      { reason: "GOAL", ...clock, match_minute: 21 },
      { causation: goal.event_id },
    );
    const buzz = new FakeBuzz();
    buzz.log.set(ID, m.events);
    renderPage(<MatchCentre matchId={ID} />, buzz);
    buzz.setMatch(m.state);

    await screen.findByText(/VAR review: goal/);
    expect(screen.getByTestId("var-review").textContent).toBe("VAR review in progress: goal");
    const stats = within(screen.getByTestId("match-stats"));
    expect(stats.getByRole("row", { name: /Corners/ }).textContent).toBe("2Corners0");
    expect(stats.getByRole("row", { name: /Fouls/ }).textContent).toBe("0Fouls1");
    expect(stats.getByRole("row", { name: /Saves/ }).textContent).toBe("0Saves1");
    expect(stats.getByRole("row", { name: /Shots/ }).textContent).toBe("1Shots0");
    expect(timelineTexts().some((t) => t?.includes("Corner:"))).toBe(false);
    fireEvent.click(screen.getByLabelText(/4 corners, fouls, offsides, saves/));
    expect(timelineTexts()).toContainEqual(expect.stringContaining("Foul by Luka Modrić (Croatia)"));

    buzz.publish(
      m.add(
        "VAR_REVIEW_ENDED",
        { reason: "GOAL", decision: "CONFIRMED", ...clock, match_minute: 22 },
        { causation: review.event_id },
      ),
    );
    expect(screen.queryByTestId("var-review")).toBeNull();
    expect(timelineTexts()[0]).toContain("VAR review (goal): decision stands");
  });

  it("reads the history in pages that start at multiples of 100 and end at the live state, which the edge caches", async () => {
    const m = new MatchScript(ID);
    m.add("PERIOD_STARTED", { match_period: "FIRST_HALF", match_minute: 0 });
    const clock = { match_minute: 12, stoppage_minute: 0, match_period: "FIRST_HALF" } as const;
    const corners = (n: number) => {
      for (let i = 0; i < n; i++) m.add("CORNER_KICK", { team: FRA, player: null, ...clock });
    };
    corners(149);
    const buzz = new FakeBuzz();
    buzz.log.set(ID, m.events);
    renderPage(<MatchCentre matchId={ID} />, buzz);
    buzz.setMatch(m.state);
    // The timeline folds corners into one toggle, which counts those it has from the log.
    await screen.findByLabelText(/show 0 shots, 149 corners/);
    // Events the live feed did not carry (as after a reconnect that brought only the state): the hole starts at
    // 150, and is read from 100, the start of its page.
    corners(80);
    buzz.setMatch(m.state);
    await screen.findByLabelText(/show 0 shots, 229 corners/);
    expect(buzz.pages).toEqual([
      { after: 0, limit: 100, until: 150 },
      { after: 100, limit: 100, until: 150 },
      { after: 100, limit: 100, until: 230 },
      { after: 200, limit: 100, until: 230 },
    ]);
  });

  it("shows a penalty shoot-out kick by kick, apart from the score", () => {
    const m = new MatchScript(ID);
    m.add("PERIOD_STARTED", { match_period: "PENALTY_SHOOTOUT", match_minute: 120 });
    m.add("PENALTY_SHOOTOUT_KICK", {
      team: FRA,
      player: GRIEZMANN,
      kick_number: 1,
      scored: true,
      penalty_score_after: { home: 1, away: 0 },
    });
    m.add("PENALTY_SHOOTOUT_KICK", {
      team: CRO,
      player: MODRIC,
      kick_number: 2,
      scored: false,
      penalty_score_after: { home: 1, away: 0 },
    });
    const buzz = new FakeBuzz();
    buzz.log.set(ID, m.events);
    renderPage(<MatchCentre matchId={ID} />, buzz);
    buzz.setMatch(m.state);

    expect(screen.getByTestId("score").textContent).toBe("0–0");
    expect(screen.getByTestId("scoreboard").textContent).toContain("penalties 1–0");
    const shootout = screen.getByLabelText("penalty shoot-out");
    expect(shootout.textContent).toContain("kick 1 scored");
    expect(shootout.textContent).toContain("kick 2 missed");
  });

  it("shows how many watch the match live, following the presence messages", () => {
    const { buzz } = openAtSix();
    expect(screen.queryByTestId("watching")).toBeNull();
    buzz.setWatching(ID, 3);
    expect(screen.getByTestId("watching").textContent).toContain("3 watching live");
    buzz.setWatching(ID, 12);
    expect(screen.getByTestId("watching").textContent).toContain("12 watching live");
  });
});

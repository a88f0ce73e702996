import type { AnalyticsEvent, MatchAnalytics, PublishedEvent } from "@buzz/schema/contract";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FakeBuzz } from "../testing/fake-buzz.js";
import { FRA, finalScript, GRIEZMANN, type MatchScript, stateAfter } from "../testing/fixtures.js";
import { renderPage } from "../testing/render.js";
import { MatchCentre } from "./index.js";
import { markerRadius } from "./xg.js";

const ID = "wc2018-64-fra-cro";

/** One analytics entry for a script event, as the gateway builds it. */
function entry(e: PublishedEvent, over: Partial<AnalyticsEvent>): AnalyticsEvent {
  const d = e.data as {
    team?: { side: "HOME" | "AWAY" };
    match_minute?: number;
    coordinates?: { x: number; y: number } | null;
  };
  return {
    sequence_number: e.sequence_number,
    event_id: e.event_id,
    event_type: e.event_type,
    match_minute: d.match_minute ?? null,
    stoppage_minute: 0,
    match_period: "FIRST_HALF",
    side: d.team?.side ?? null,
    attempt_id: null,
    counted: false,
    expected_goals: null,
    shot_distance_m: null,
    coordinates: d.coordinates ?? null,
    win_probability: null,
    ...over,
  };
}

/** What the pipeline derived for the final's first seven events: a shot, a goal amended, a goal cancelled by VAR. */
function analyticsOf(script: MatchScript, extra: AnalyticsEvent[] = [], home = 0.14): MatchAnalytics {
  const [, shot, sensor, amended, , disallowed, cancel] = script.events as PublishedEvent[];
  return {
    match_id: ID,
    last_sequence: script.events.length,
    pending: 0,
    events: [
      entry(shot!, {
        attempt_id: shot!.event_id,
        counted: true,
        expected_goals: 0.09,
        shot_distance_m: 21.3,
      }),
      entry(sensor!, { attempt_id: sensor!.event_id }),
      entry(amended!, {
        attempt_id: sensor!.event_id,
        counted: true,
        expected_goals: 0.05,
        win_probability: { home: 0.62, draw: 0.26, away: 0.12 },
      }),
      entry(disallowed!, { attempt_id: disallowed!.event_id, expected_goals: 0.64 }),
      entry(cancel!, {
        attempt_id: disallowed!.event_id,
        win_probability: { home: 0.6, draw: 0.27, away: 0.13 },
      }),
      ...extra,
    ],
    totals: { expected_goals: { home, away: 0 }, attempts: { home: 2 + extra.length, away: 0 } },
  };
}

function open() {
  const script = finalScript(ID);
  const buzz = new FakeBuzz();
  buzz.log.set(ID, script.events.slice(0, 7));
  buzz.analytics.set(ID, [200, analyticsOf(script)]);
  const page = renderPage(<MatchCentre matchId={ID} />, buzz);
  buzz.setMatch(stateAfter(script, 7));
  return { ...page, script, buzz };
}
const radiusOf = (el: Element) => Number(el.getAttribute("r"));

describe("MatchCentre with expected goals", () => {
  it("sizes each marker by its xG (area ∝ xG), the amended goal by its amendment, with a size legend", async () => {
    const { container } = open();
    const chart = await screen.findByRole("img", {
      name: "Expected goals (xG) so far: France 0.14, Croatia 0.00",
    });
    expect(chart).toBeTruthy();
    const markers = [...container.querySelectorAll("svg.pitch circle.marker")];
    const byXg = Object.fromEntries(markers.map((m) => [m.getAttribute("data-xg"), m]));
    expect(Object.keys(byXg).sort()).toEqual(["0.05", "0.09", "0.64"]);
    expect(radiusOf(byXg["0.64"]!) ** 2 / radiusOf(byXg["0.09"]!) ** 2).toBeCloseTo(0.64 / 0.09, 6);
    expect(radiusOf(byXg["0.05"]!)).toBeCloseTo(markerRadius(0.05), 9);
    // The disallowed goal keeps its size but is drawn dashed; the biggest marker is drawn first, under the others.
    expect(byXg["0.64"]!.getAttribute("class")).toContain("marker-cancelled");
    expect(markers[0]).toBe(byXg["0.64"]);
    expect(
      screen.getByRole("img", {
        name: /Marker area is proportional to expected goals: 0.05 xG, 0.20 xG, 0.50 xG/,
      }),
    ).toBeTruthy();
    expect(screen.queryByTestId("xg-status")).toBeNull();
    expect(screen.getByTestId("win-probability").textContent).toBe(
      "Win probability after 29': France 60% · draw 27% · Croatia 13%",
    );
  });

  it("can be read from the keyboard: each marker is focusable and says its chance; the table lists them all", async () => {
    const { container } = open();
    await screen.findByRole("img", { name: /Expected goals \(xG\) so far/ });
    const shot = within(container.querySelector("svg.pitch") as HTMLElement).getByRole("img", {
      name: /Antoine Griezmann: shot, off target, 0.09 xG/,
    });
    expect(shot.getAttribute("tabindex")).toBe("0");
    shot.focus();
    expect(document.activeElement).toBe(shot);

    fireEvent.click(screen.getByText("Attempts and expected goals (3)"));
    const rows = within(screen.getByTestId("xg-table"))
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual([
      expect.stringMatching(/9' Antoine Griezmann: shot.*France0.09 xG$/),
      expect.stringMatching(/18' Antoine Griezmann: goal.*France0.05 xG$/),
      expect.stringMatching(/28' Ivan Perišić: goal \(cancelled: VAR\).*Croatia0.64 xG$/),
    ]);
  });

  it("reads the figures again after a new shot, and draws it at its size", async () => {
    const { container, script, buzz } = open();
    await screen.findByRole("img", { name: "Expected goals (xG) so far: France 0.14, Croatia 0.00" });
    const late = script.add("SHOT", {
      team: FRA,
      player: GRIEZMANN,
      match_minute: 30,
      stoppage_minute: 0,
      match_period: "FIRST_HALF",
      outcome: "ON_TARGET",
      body_part: "HEAD",
      coordinates: { x: 94, y: 50 },
    });
    buzz.analytics.set(ID, [
      200,
      analyticsOf(
        script,
        [entry(late, { attempt_id: late.event_id, counted: true, expected_goals: 0.41 })],
        0.55,
      ),
    ]);
    const reads = buzz.analyticsReads;
    buzz.publish(late);

    await waitFor(
      () =>
        expect(
          screen.getByRole("img", { name: "Expected goals (xG) so far: France 0.55, Croatia 0.00" }),
        ).toBeTruthy(),
      { timeout: 5000 },
    );
    expect(buzz.analyticsReads).toBe(reads + 1);
    expect(container.querySelector('svg.pitch circle[data-xg="0.41"]')).not.toBeNull();
  });

  it("says plainly when the server cannot serve expected goals (503), in its own words, and counts attempts instead", async () => {
    const script = finalScript(ID);
    const buzz = new FakeBuzz();
    buzz.analytics.set(ID, [
      503,
      {
        error: {
          code: "analytics_unavailable",
          message: "expected goals and win probability are unavailable: Postgres did not answer",
        },
      },
    ]);
    renderPage(<MatchCentre matchId={ID} />, buzz);
    buzz.setMatch(stateAfter(script, 7), script.events.slice(0, 7));

    const note = await screen.findByTestId("xg-status");
    expect(note.textContent).toContain(
      "Expected goals are unavailable right now: expected goals and win probability are unavailable: Postgres did not answer",
    );
    expect(screen.getByRole("img", { name: "Attempts so far: France 2, Croatia 1" })).toBeTruthy();
    expect(screen.getByText("Each attempt counts 1 until expected goals are served.")).toBeTruthy();
    expect(screen.queryByTestId("win-probability")).toBeNull();
  });
});

import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FRA, MatchScript } from "../testing/fixtures.js";
import { renderPage } from "../testing/render.js";
import { MatchesPage } from "./index.js";

const final = new MatchScript("wc2018-64-fra-cro");
final.add("PERIOD_STARTED", { match_period: "FIRST_HALF", match_minute: 0 });
const friendly = new MatchScript("friendly-1", { competition: { id: "friendlies", name: "Friendlies" } });

describe("MatchesPage", () => {
  it("lists every match from the live list with score, status and minute, linking to its match centre", () => {
    const { buzz } = renderPage(<MatchesPage />);
    expect(screen.getByText(/Connecting to the live list/)).toBeTruthy();
    buzz.setMatches([final.summary(), friendly.summary()]);

    const row = screen.getByTestId("match-wc2018-64-fra-cro");
    expect(within(row).getByRole("link").getAttribute("href")).toBe("#/matches/wc2018-64-fra-cro");
    expect(row.textContent).toContain("France");
    expect(within(row).getByLabelText("score 0 to 0")).toBeTruthy();
    expect(row.textContent).toContain("LIVE");
    expect(row.textContent).toContain("1st half · 0'");
    expect(screen.getByTestId("match-friendly-1").textContent).toContain("SCHEDULED");
    expect(screen.getByTestId("connection").textContent).toContain("live");
  });

  it("updates a score in place when the list pushes a change, without reloading", () => {
    const { buzz } = renderPage(<MatchesPage />);
    buzz.setMatches([final.summary()]);
    const row = screen.getByTestId("match-wc2018-64-fra-cro");
    expect(within(row).getByLabelText("score 0 to 0").className).not.toContain("score-bump");
    final.goal(FRA, 18, null);
    buzz.setMatches([final.summary()]);
    expect(screen.getByTestId("match-wc2018-64-fra-cro")).toBe(row);
    expect(within(row).getByLabelText("score 1 to 0").className).toContain("score-bump");
  });

  it("filters by competition", () => {
    const { buzz } = renderPage(<MatchesPage />);
    buzz.setMatches([final.summary(), friendly.summary()]);
    const select = screen.getByLabelText("Competition");
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["All competitions (2)", "FIFA World Cup 2018 (1)", "Friendlies (1)"]);
    fireEvent.change(select, { target: { value: "friendlies" } });
    expect(screen.queryByTestId("match-wc2018-64-fra-cro")).toBeNull();
    expect(screen.getByTestId("match-friendly-1")).toBeTruthy();
  });
});

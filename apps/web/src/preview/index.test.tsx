import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FakeBuzz } from "../testing/fake-buzz.js";
import { finalScript } from "../testing/fixtures.js";
import { renderPage } from "../testing/render.js";
import { PreviewPage } from "./index.js";
import { scoreAt } from "./score-at.js";

const ID = "wc2018-64-fra-cro";

function open() {
  const script = finalScript(ID);
  const buzz = new FakeBuzz();
  buzz.log.set(ID, script.events);
  renderPage(<PreviewPage matchId={ID} />, buzz);
  buzz.setMatches([script.summary()]);
  buzz.setMatch(script.state);
  return script;
}

describe("PreviewPage", () => {
  it("shows the push for the latest event in fr, en, es, de and ar, Arabic right to left", async () => {
    open();
    const phones = await screen.findByTestId("previews");
    const pushes = [...phones.querySelectorAll<HTMLElement>(".push")];
    expect(pushes.map((p) => p.dataset.locale)).toEqual(["fr", "en", "es", "de", "ar"]);
    expect(pushes.map((p) => p.lang)).toEqual(["fr", "en", "es", "de", "ar"]);
    expect(pushes.find((p) => p.lang === "ar")!.dir).toBe("rtl");
    expect(pushes.find((p) => p.lang === "en")!.dir).toBe("ltr");
    const titles = pushes.map((p) => p.querySelector(".push-title")!.textContent);
    expect(new Set(titles).size).toBe(5);
    expect(titles[1]).toContain("Tolisso");
  });

  it("previews any earlier event, and says when its push replaces an earlier one", async () => {
    const script = open();
    const cancel = script.events[6]!;
    const select = await screen.findByLabelText("Event");
    // Shots never notify, so they are not offered.
    expect(within(select).getAllByRole("option")).toHaveLength(script.events.length - 1);
    fireEvent.change(select, { target: { value: cancel.event_id } });
    const en = screen.getByTestId("previews").querySelector(".push[lang=en] .push-title")!;
    expect(en.textContent).toContain("Goal cancelled (VAR)");
    expect(screen.getByText(/replaces the push of #6 \(same tag\)/)).toBeTruthy();
    expect(screen.getByText("high")).toBeTruthy();
  });

  it("shows what a fan's preferences let through: substitutions off by default, cards switched off, quiet hours", async () => {
    open();
    const list = await screen.findByTestId("deliveries");
    const deliveries = () =>
      [...list.querySelectorAll<HTMLElement>("li")].map((li) => [li.dataset.category, li.dataset.delivery]);
    const summary = () => screen.getByTestId("preferences-summary").textContent;
    // Nine events notify (the shot does not); by default all but the substitution are sent.
    expect(deliveries()).toHaveLength(9);
    expect(deliveries().filter(([, d]) => d === "off")).toEqual([["substitutions", "off"]]);
    expect(summary()).toBe("8 of 9 notifications of this match would reach this fan.");

    fireEvent.click(screen.getByLabelText("Cards"));
    expect(deliveries().find(([c]) => c === "cards")).toEqual(["cards", "off"]);
    expect(summary()).toBe("7 of 9 notifications of this match would reach this fan.");

    // The events happen at 15:0x UTC: just past midnight in Tokyo, inside 23:00–07:00 there.
    fireEvent.click(screen.getByLabelText("On"));
    fireEvent.change(screen.getByLabelText("Time zone"), { target: { value: "Asia/Tokyo" } });
    for (const [category, delivery] of deliveries())
      expect(delivery).toBe(category === "goals" ? "silent" : category === "match_status" ? "quiet" : "off");
    expect(screen.getByTestId("previews").textContent).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Time zone"), { target: { value: "Mars/Base" } });
    expect(screen.getByRole("alert").textContent).toContain("Unknown time zone");
    expect(deliveries().some(([, d]) => d === "silent")).toBe(false);
  });

  it("gives periods the score of their moment", () => {
    const { events } = finalScript(ID);
    expect(scoreAt(events, 2)).toEqual({ home: 0, away: 0 });
    expect(scoreAt(events, 6)).toEqual({ home: 1, away: 1 });
    expect(scoreAt(events, 8)).toEqual({ home: 1, away: 0 });
  });
});

// The dashboard (apps/web/dist, served by the stack at /) in a real Chromium: rebuild apps/web first.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getJson } from "../http.js";
import { ADMIN_TOKEN } from "../keys.js";
import { AWAY_PLAYERS, createMatch, HOME_PLAYERS, uniqueMatchId } from "../match.js";
import {
  DESKTOP,
  live,
  PHONE,
  poll,
  post,
  screenshot,
  textOf,
  timelineOf,
  useDashboard,
} from "./dashboard.js";

const { open } = useDashboard();

const [H1, H2, H3] = HOME_PLAYERS.map((p) => p.player_id);
const [A1, A2] = AWAY_PLAYERS.map((p) => p.player_id);
const rowOf = (page: Page, matchId: string) => page.getByTestId(`match-${matchId}`);

describe("dashboard in Chromium", () => {
  it("follows a match live, in the list and the match centre, without reloading", async () => {
    const matchId = await createMatch("web-live");
    const list = await open("#/");
    await expect.poll(() => rowOf(list, matchId).textContent(), poll).toContain("0–0");
    const centre = await open(`#/matches/${matchId}`);
    await expect.poll(() => textOf(centre, "score"), poll).toBe("0–0");
    await expect.poll(() => textOf(centre, "connection"), poll).toContain("live");
    const loads: string[] = [];
    for (const page of [list, centre]) page.on("load", () => loads.push(page.url()));

    await post(matchId, live.periodStarted());
    await post(matchId, live.sensor("HOME", 12));
    await expect.poll(() => textOf(centre, "score"), poll).toBe("1–0");
    await expect
      .poll(async () => (await timelineOf(centre))[0], poll)
      .toContain("GOAL Home FC: scorer to be confirmed (goal-line sensor)");
    await expect.poll(() => rowOf(list, matchId).getByLabel("score 1 to 0").count(), poll).toBe(1);

    // The operator names the scorer: the same goal, amended, not a second one.
    await post(matchId, live.goal("HOME", H1!, 12), "amended");
    await expect
      .poll(async () => (await timelineOf(centre))[0], poll)
      .toContain("Goal for Home FC confirmed: HOM Player 1");
    expect(await textOf(centre, "score")).toBe("1–0");
    expect(await centre.getByLabel("home goals").textContent()).toContain("HOM Player 1 12'");

    await post(matchId, live.card("AWAY", A1!, 20));
    await post(matchId, live.goal("AWAY", A2!, 31));
    await expect.poll(() => textOf(centre, "score"), poll).toBe("1–1");
    await expect.poll(() => rowOf(list, matchId).getByLabel("score 1 to 1").count(), poll).toBe(1);
    const timeline = await timelineOf(centre);
    expect(timeline[0]).toContain("GOAL Away United: AWY Player 2 · 1–1");
    expect(timeline[1]).toContain("yellow card: AWY Player 1 (Away United)");
    expect(timeline.at(-1)).toContain("1st half started");
    expect(loads).toEqual([]);
  });

  it("cancels a goal by VAR from the operations page, and the match centre's score follows", async () => {
    const matchId = await createMatch("web-var");
    await post(matchId, live.periodStarted());
    await post(matchId, live.goal("HOME", H2!, 8));
    await post(matchId, live.goal("AWAY", A1!, 17));
    const centre = await open(`#/matches/${matchId}`);
    await expect.poll(() => textOf(centre, "score"), poll).toBe("1–1");

    const ops = await open("#/ops");
    await ops.getByLabel("Admin token").fill(ADMIN_TOKEN);
    await ops.getByRole("button", { name: "Use token" }).click();
    const panel = ops.getByRole("region", { name: "Cancel a goal by VAR" });
    await panel.getByLabel("Match").selectOption(matchId);
    await panel.getByRole("button", { name: "Cancel by VAR: Home FC (HOM Player 2) 8'" }).click();
    await expect
      .poll(() => panel.getByRole("status").textContent(), poll)
      .toMatch(/Goal by Home FC \(HOM Player 2\) cancelled \(sequence 4\)/);

    await expect.poll(() => textOf(centre, "score"), poll).toBe("0–1");
    expect((await timelineOf(centre))[0]).toContain("VAR: goal for Home FC cancelled · 0–1");
    expect(await centre.locator("[data-testid=timeline] > li.struck").allTextContents()).toEqual([
      expect.stringContaining("GOAL Home FC: HOM Player 2"),
    ]);
    // Only the goal that still stands is offered now.
    await expect.poll(() => panel.getByRole("button").allTextContents(), poll).toEqual(["Cancel by VAR"]);
  });

  it("replays a 2018 match from the operations page with a progress bar, to its real score", async () => {
    const matchId = uniqueMatchId("web-sim");
    const ops = await open("#/ops", { admin: true });
    const form = ops.getByRole("form", { name: "Replay a 2018 match" });
    await form.getByLabel("Match", { exact: true }).selectOption("64");
    await form.getByLabel("Speed").fill("2000");
    await form.getByLabel("Match id (optional)").fill(matchId);
    await form.getByRole("button", { name: "Start replay" }).click();
    await expect
      .poll(() => form.getByRole("status").textContent(), poll)
      .toContain(`Replay started into ${matchId}.`);

    const sim = ops.locator("[data-testid=simulations] > li", { hasText: matchId });
    await expect.poll(() => sim.getByRole("progressbar").getAttribute("max"), poll).not.toBe("1");
    await expect.poll(() => sim.getAttribute("data-status"), { ...poll, timeout: 60_000 }).toBe("done");
    const progress = sim.getByRole("progressbar");
    expect(await progress.getAttribute("value")).toBe(await progress.getAttribute("max"));
    expect(await sim.textContent()).toContain("4–2");

    await form.getByRole("link", { name: "Open the match centre" }).click();
    await expect.poll(() => textOf(ops, "score"), poll).toBe("4–2");
    // The history is read over HTTP after the snapshot: wait for it.
    await expect.poll(async () => (await timelineOf(ops))[0], poll).toContain("Full time · 4–2");
    const timeline = await timelineOf(ops);
    expect(timeline.filter((t) => t.includes("Goal for") && t.includes("confirmed")).length).toBeGreaterThan(
      0,
    );
  });

  it("times each event in the latency waterfall, and says what only the pipeline can time", async () => {
    const matchId = await createMatch("web-latency");
    const page = await open(`#/matches/${matchId}/latency`, { admin: true });
    await expect.poll(() => textOf(page, "connection"), poll).toContain("live");
    await post(matchId, live.periodStarted());
    await post(matchId, live.shot("HOME", H1!, 3, { x: 82, y: 45 }));
    await post(matchId, live.goal("HOME", H3!, 5, undefined, { x: 90, y: 52 }));

    const cells = (hop: string) => page.getByTestId(`stage-${hop}`).locator("td").allTextContents();
    await expect.poll(async () => (await cells("shown"))[1], poll).toBe("3");
    expect((await cells("received"))[1]).toBe("3");
    expect((await cells("sequenced"))[1]).toBe("3");
    await expect.poll(() => page.locator("[data-testid=waterfall] > li").count(), poll).toBe(3);

    const route = await getJson(`/v1/ops/matches/${matchId}/latency`, {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    if (route.status === 404) {
      // The page must say what the server says: no pipeline timings yet, and no invented numbers.
      for (const hop of ["enriched", "routed", "dispatched"]) {
        expect((await cells(hop)).slice(1)).toEqual(["Not available: the pipeline has not landed."]);
      }
    } else {
      expect(route.status).toBe(200);
      await expect.poll(async () => Number((await cells("enriched"))[1]), poll).toBeGreaterThan(0);
    }
  });

  it("renders every page at desktop and phone width (screenshots in test-results/screenshots)", async () => {
    const matchId = await createMatch("web-shots");
    // Open before the events go in, so its waterfall has this browser's receipt times too.
    const liveLatency = await open(`#/matches/${matchId}/latency`, { admin: true });
    await expect.poll(() => textOf(liveLatency, "connection"), poll).toContain("live");
    for (const e of [
      live.periodStarted(),
      live.shot("HOME", H1!, 4, { x: 84, y: 38 }, "OFF_TARGET"),
      live.shot("AWAY", A1!, 9, { x: 78, y: 60 }),
      live.sensor("HOME", 14),
    ])
      await post(matchId, e);
    await post(matchId, live.goal("HOME", H1!, 14, undefined, { x: 91, y: 47 }), "amended");
    const disallowed = await post(matchId, live.goal("AWAY", A2!, 27, undefined, { x: 88, y: 55 }));
    await post(matchId, {
      event_type: "GOAL_CANCELLED",
      occurred_at: new Date().toISOString(),
      source: { system: "REFEREE" },
      data: { reason: "VAR" },
      metadata: { causation_id: disallowed.event_id },
    });
    for (const e of [
      live.card("AWAY", A1!, 33),
      live.shot("HOME", H2!, 40, { x: 94, y: 52 }),
      live.periodEnded(),
      live.periodStarted("SECOND_HALF"),
      live.sub("HOME", H2!, H3!, 58),
    ])
      await post(matchId, e);

    // Each page and what shows it has loaded.
    const views = [
      ["matches", "#/", `[data-testid="match-${matchId}"]`],
      ["match-centre", `#/matches/${matchId}`, "[data-testid=timeline] > li >> nth=8"],
      ["latency", `#/matches/${matchId}/latency`, "[data-testid=waterfall] > li >> nth=10"],
      ["health", "#/health", "[data-testid=health], .notice"],
      ["ops", "#/ops", '[data-testid=simulations], #sims-title ~ p:has-text("None yet")'],
      ["preview", `#/preview/${matchId}`, "[data-testid=previews] .push-title"],
    ] as const;
    for (const [viewportName, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      for (const [name, hash, ready] of views) {
        const page =
          name === "latency" && viewport === DESKTOP
            ? liveLatency
            : await open(hash, { viewport, admin: true });
        await page
          .locator(ready)
          .first()
          .waitFor()
          .catch((err: Error) => {
            throw new Error(`${name} at ${viewportName} width never showed ${ready}: ${err.message}`);
          });
        // Nothing may be wider than the viewport: a phone must never scroll sideways.
        expect(
          await page.evaluate(
            () =>
              (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
                .documentElement.scrollWidth,
          ),
        ).toBeLessThanOrEqual(viewport.width);
        await screenshot(page, `${name}-${viewportName}`);
      }
    }
  });
});

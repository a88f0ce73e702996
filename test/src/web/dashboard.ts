// Driving the dashboard (apps/web, served by the stack at /) in Chromium: pages, viewports, screenshots.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { launchChromium } from "../browser/chromium.js";
import { baseUrl, postEvents } from "../http.js";
import { ADMIN_TOKEN } from "../keys.js";

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };
export const poll = { timeout: 30_000, interval: 50 };

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "test-results", "screenshots");

/** Opens `#/…` at a viewport; `admin` puts the token in sessionStorage first, as if entered earlier in the tab. */
export async function openDashboard(
  context: BrowserContext,
  hash: string,
  opts: { viewport?: typeof DESKTOP; admin?: boolean } = {},
): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(opts.viewport ?? DESKTOP);
  if (opts.admin) {
    await page.addInitScript(
      (token) =>
        (
          globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
        ).sessionStorage.setItem("buzz:admin-token", token),
      ADMIN_TOKEN,
    );
  }
  await page.goto(`${baseUrl()}/${hash}`);
  return page;
}

export const textOf = (page: Page, testId: string) => page.getByTestId(testId).textContent();

/** The timeline's entries, newest first. */
export const timelineOf = (page: Page) => page.locator("[data-testid=timeline] > li").allTextContents();

/** A full-page PNG in test/test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Ingests one event, signed, and checks the room's answer. */
export async function post(matchId: string, event: unknown, status: "sequenced" | "amended" = "sequenced") {
  const res = await postEvents(matchId, event);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.results[0].status).toBe(status);
  return res.body.results[0] as { event_id: string; sequence_number: number };
}

// Stamped at the moment of sending: the waterfall then shows only the real hops of this run.
const at = () => new Date().toISOString();
const clock = (minute: number, period = "FIRST_HALF") => ({
  match_minute: minute,
  stoppage_minute: 0,
  match_period: period,
});

/** Events stamped now, so the latency waterfall shows this run's real hops. */
export const live = {
  periodStarted: (period = "FIRST_HALF") => ({
    event_type: "PERIOD_STARTED",
    occurred_at: at(),
    source: { system: "REFEREE" },
    data: { match_period: period },
  }),
  sensor: (side: "HOME" | "AWAY", minute: number, occurredAt = at()) => ({
    event_type: "GOAL_LINE_SIGNAL",
    occurred_at: occurredAt,
    source: { system: "HAWKEYE" },
    data: { team: { side }, ...clock(minute) },
  }),
  goal: (
    side: "HOME" | "AWAY",
    playerId: string,
    minute: number,
    occurredAt = at(),
    coordinates?: { x: number; y: number },
  ) => ({
    event_type: "GOAL_SCORED",
    occurred_at: occurredAt,
    source: { system: "OPTA", operator_id: "e2e-op" },
    data: {
      team: { side },
      scorer: { player_id: playerId },
      assist: null,
      ...clock(minute),
      goal_type: "OPEN_PLAY",
      ...(coordinates ? { coordinates } : {}),
    },
  }),
  shot: (
    side: "HOME" | "AWAY",
    playerId: string,
    minute: number,
    coordinates: { x: number; y: number },
    outcome = "ON_TARGET",
  ) => ({
    event_type: "SHOT",
    occurred_at: at(),
    source: { system: "OPTA", operator_id: "e2e-op" },
    data: { team: { side }, player: { player_id: playerId }, ...clock(minute), outcome, coordinates },
  }),
  card: (side: "HOME" | "AWAY", playerId: string, minute: number, card = "YELLOW") => ({
    event_type: "CARD_SHOWN",
    occurred_at: at(),
    source: { system: "REFEREE" },
    data: { team: { side }, player: { player_id: playerId }, card, ...clock(minute) },
  }),
  sub: (side: "HOME" | "AWAY", outId: string, inId: string, minute: number) => ({
    event_type: "SUBSTITUTION",
    occurred_at: at(),
    source: { system: "OPTA", operator_id: "e2e-op" },
    data: {
      team: { side },
      player_out: { player_id: outId },
      player_in: { player_id: inId },
      ...clock(minute, "SECOND_HALF"),
    },
  }),
  periodEnded: (period = "FIRST_HALF", minute = 45) => ({
    event_type: "PERIOD_ENDED",
    occurred_at: at(),
    source: { system: "REFEREE" },
    data: { match_period: period, match_minute: minute, stoppage_minute: 1 },
  }),
};

/** One Chromium for a test file; `open` gives a dashboard page, and every page is closed after each test. */
export function useDashboard() {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  afterEach(async () => {
    await Promise.all(pages.map((p) => p.close()));
    pages = [];
  });
  return {
    async open(hash: string, opts: Parameters<typeof openDashboard>[2] = {}): Promise<Page> {
      const page = await openDashboard(browser!.context, hash, opts);
      pages.push(page);
      return page;
    },
  };
}

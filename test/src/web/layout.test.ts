// The dashboard's page furniture in a real Chromium (apps/web/dist: rebuild apps/web first): the skip link, the
// health page's tables at desktop width, and the colour scheme following the system's.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createMatch } from "../match.js";
import { DESKTOP, live, poll, post, screenshot, useDashboard } from "./dashboard.js";

const { open } = useDashboard();

type Doc = { document: any; getComputedStyle(e: unknown): { backgroundColor: string; color: string } };

/** The health page with figures in its stage table (events through the pipeline). */
async function healthWithFigures(page: Page) {
  await page.locator("[data-testid=health]").waitFor();
  await expect
    .poll(
      async () =>
        (await page.locator("#stage-title ~ .table-wrap td[data-label=n]").allTextContents()).map(Number),
      poll,
    )
    .toContainEqual(expect.any(Number));
}

describe("dashboard furniture in Chromium", () => {
  it("the skip link moves focus to the page's content and leaves the route alone", async () => {
    const page = await open("#/health", { admin: true });
    await page.locator("[data-testid=health]").waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (globalThis as unknown as Doc).document.activeElement.textContent)).toBe(
      "Skip to content",
    );
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as Doc).document.activeElement.id))
      .toBe("main");
    expect(new URL(page.url()).hash).toBe("#/health");
    expect(await page.locator("[data-testid=health]").count()).toBe(1);
    expect(await page.locator("nav a[aria-current=page]").textContent()).toBe("Pipeline health");
  });

  it("the health page's stage table fits its card at 1280 px", async () => {
    const matchId = await createMatch("web-layout");
    for (const e of [live.periodStarted(), live.sensor("HOME", 3)]) await post(matchId, e);
    const page = await open("#/health", { admin: true, viewport: DESKTOP });
    await healthWithFigures(page);
    const sizes = await page.evaluate(() => {
      const { document } = globalThis as unknown as Doc;
      const table = document.querySelector("#stage-title ~ .table-wrap table");
      const card = table.closest(".card");
      const style = (globalThis as unknown as Doc).getComputedStyle(card) as any;
      const inner =
        card.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      return {
        table: table.scrollWidth,
        wrap: table.parentElement.scrollWidth,
        inner,
        viewport: (globalThis as any).innerWidth,
      };
    });
    expect(sizes.viewport).toBe(1280);
    await screenshot(page, "health-1280");
    expect(sizes.table, JSON.stringify(sizes)).toBeLessThanOrEqual(sizes.inner);
    expect(sizes.wrap, JSON.stringify(sizes)).toBeLessThanOrEqual(sizes.inner);
  });

  it("follows the system's colour scheme, and changes with it without a reload", async () => {
    const page = await open("#/", { viewport: DESKTOP });
    await page.locator("main h2").first().waitFor();
    const colours = () =>
      page.evaluate(() => {
        const g = globalThis as unknown as Doc;
        const root = g.getComputedStyle(g.document.documentElement);
        const card = g.document.querySelector(".card, main");
        return { bg: root.backgroundColor, ink: root.color, card: g.getComputedStyle(card).color };
      });
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    };
    await page.emulateMedia({ colorScheme: "light" });
    const light = await colours();
    expect(luminance(light.bg)).toBeGreaterThan(0.8);
    expect(luminance(light.ink)).toBeLessThan(0.2);
    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(async () => luminance((await colours()).bg)).toBeLessThan(0.2);
    const dark = await colours();
    expect(luminance(dark.ink)).toBeGreaterThan(0.8);
    await screenshot(page, "matches-dark");
  });
});

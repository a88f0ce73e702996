// What the pipeline adds, seen in the dashboard in a real Chromium against the real stack: expected goals in the
// match centre, dead letters listed and redriven from the operations page, and a match replayed through the
// pipeline from there. Rebuild apps/web first (the stack serves apps/web/dist).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getJson } from "../http.js";
import { ADMIN_TOKEN } from "../keys.js";
import { AWAY_PLAYERS, createMatch, HOME_PLAYERS } from "../match.js";
import { type MockPush, startMockPush } from "../mock-push/index.js";
import { call } from "../pipeline/fans.js";
import { DESKTOP, live, PHONE, poll, post, screenshot, useDashboard } from "./dashboard.js";

const { open } = useDashboard();
let push: MockPush;

beforeAll(async () => {
  push = await startMockPush();
});
afterAll(() => push?.close());

const [H1, H2] = HOME_PLAYERS.map((p) => p.player_id);
const [A1, A2] = AWAY_PLAYERS.map((p) => p.player_id);
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const XG_LABEL = /^Expected goals \(xG\) so far: Home FC (\d+\.\d\d), Away United (\d+\.\d\d)$/;

/** A first half with shots and goals on the pitch: an amended goal, and one cancelled by VAR. */
async function playFirstHalf(matchId: string): Promise<number> {
  let posted = 0;
  const send = async (e: unknown, status?: "amended") => (posted++, post(matchId, e, status));
  for (const e of [
    live.periodStarted(),
    live.shot("HOME", H1!, 4, { x: 84, y: 38 }, "OFF_TARGET"),
    live.shot("AWAY", A1!, 9, { x: 78, y: 60 }),
    live.sensor("HOME", 14),
  ])
    await send(e);
  await send(live.goal("HOME", H1!, 14, undefined, { x: 91, y: 47 }), "amended");
  const disallowed = await send(live.goal("AWAY", A2!, 27, undefined, { x: 88, y: 55 }));
  await send({
    event_type: "GOAL_CANCELLED",
    occurred_at: new Date().toISOString(),
    source: { system: "REFEREE" },
    data: { reason: "VAR" },
    metadata: { causation_id: disallowed.event_id },
  });
  for (const e of [live.shot("HOME", H2!, 40, { x: 94, y: 52 }), live.periodEnded()]) await send(e);
  return posted;
}

/** The gateway's analytics once enrichment has been through every event. */
async function settledAnalytics(matchId: string) {
  let body: any;
  await expect
    .poll(
      async () => {
        const res = await getJson(`/v1/matches/${matchId}/analytics`);
        body = res.body;
        return res.status === 200 && body.pending === 0;
      },
      { ...poll, timeout: 60_000 },
    )
    .toBe(true);
  return body as {
    events: { attempt_id: string | null; expected_goals: number | null }[];
    totals: { expected_goals: { home: number; away: number } };
  };
}

const chartLabel = (page: Page) => page.getByTestId("xg-chart").getAttribute("aria-label");
const markers = (page: Page) =>
  page.locator("svg.pitch circle[data-xg]").evaluateAll((els) =>
    els.map((el) => ({
      xg: Number(el.getAttribute("data-xg")),
      r: Number(el.getAttribute("r")),
      label: el.getAttribute("aria-label") ?? "",
    })),
  );

describe("the pipeline in the dashboard, in Chromium", () => {
  it("sizes the shot map by expected goals and charts xG over time, as the pipeline derived them; a replay through the pipeline changes neither", async () => {
    const matchId = await createMatch("web-xg");
    const centre = await open(`#/matches/${matchId}`);
    const posted = await playFirstHalf(matchId);
    const analytics = await settledAnalytics(matchId);
    const { home, away } = analytics.totals.expected_goals;
    // Away's goal was cancelled by VAR, so only its shot counts.
    expect(home).toBeGreaterThan(0);
    expect(away).toBeGreaterThan(0);

    // The page read the figures again after the events, without a reload.
    await expect
      .poll(() => chartLabel(centre), poll)
      .toBe(`Expected goals (xG) so far: Home FC ${home.toFixed(2)}, Away United ${away.toFixed(2)}`);
    await expect.poll(async () => (await markers(centre)).length, poll).toBe(5);
    const drawn = await markers(centre);
    const served = new Map(
      analytics.events
        .filter((e) => e.attempt_id && e.expected_goals !== null)
        .map((e) => [e.attempt_id, e.expected_goals]),
    );
    expect(new Set(drawn.map((m) => m.xg))).toEqual(new Set(served.values()));
    // Area ∝ xG: r² / xG is the same for every marker (above the smallest size a marker is drawn at).
    const ratios = drawn.filter((m) => m.r > 0.6).map((m) => m.r ** 2 / m.xg);
    for (const ratio of ratios) expect(ratio).toBeCloseTo(ratios[0]!, 6);
    expect(drawn.every((m) => /\d\.\d\d xG$/.test(m.label))).toBe(true);
    expect(await centre.getByTestId("xg-status").count()).toBe(0);
    expect(await centre.getByTestId("win-probability").textContent()).toMatch(
      /^Win probability after \d+(\+\d+)?': Home FC \d+% · draw \d+% · Away United \d+%$/,
    );

    // Keyboard: Tab reaches the markers, each saying its chance.
    await centre.locator("svg.pitch circle[data-xg]").first().focus();
    expect(
      await centre.evaluate(() => (globalThis as any).document.activeElement?.getAttribute("aria-label")),
    ).toMatch(/ xG$/);

    for (const [name, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
    ] as const) {
      const page = viewport === DESKTOP ? centre : await open(`#/matches/${matchId}`, { viewport });
      await expect.poll(() => chartLabel(page), poll).toMatch(XG_LABEL);
      expect(
        await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
      ).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `match-centre-xg-${name}`);
    }

    // Replay the whole log through the pipeline from the operations page: every event requeued, nothing counted twice.
    const ops = await open("#/ops", { admin: true });
    const form = ops.getByRole("form", { name: "Replay through the pipeline" });
    await form.getByLabel("Match id").fill(matchId);
    await form.getByRole("button", { name: "Replay through the pipeline" }).click();
    await expect
      .poll(() => form.getByRole("status").textContent(), poll)
      .toBe(`${posted} events of ${matchId} requeued through the pipeline.`);
    await screenshot(ops, "ops-pipeline-replay-desktop");
    const again = await settledAnalytics(matchId);
    expect(again.totals).toEqual(analytics.totals);
    await centre.reload();
    await expect
      .poll(() => chartLabel(centre), poll)
      .toBe(`Expected goals (xG) so far: Home FC ${home.toFixed(2)}, Away United ${away.toFixed(2)}`);
  });

  it("lists a real dead letter on the operations page, redrives it from there, and it leaves the list and is delivered", async () => {
    const matchId = await createMatch("web-dlq");
    // A fan of this match whose push service refuses the first push for good (400: dispatch dead-letters it at once).
    const device = await call("POST", "/v1/devices", undefined, { locale: "en" });
    expect(device.status).toBe(201);
    const subscription = push.newSubscription({ applicationServerKey: inject("vapidPublicKey") });
    push.script(subscription.endpoint, [400]);
    expect(
      (await call("PUT", "/v1/devices/me/push-subscription", device.body.token, subscription)).status,
    ).toBe(201);
    expect(
      (await call("PUT", "/v1/devices/me/follows", device.body.token, { matches: [matchId] })).status,
    ).toBe(200);
    // One event that notifies: the goal (a kick-off would be a second push).
    const goal = await post(matchId, live.goal("HOME", H1!, 3));

    let letterId = "";
    await expect
      .poll(
        async () => {
          const res = await getJson("/v1/ops/dead-letters?queue=notifications&state=dead&limit=200", admin);
          const letter = res.body.dead_letters?.find((l: any) => l.body?.device_id === device.body.device_id);
          if (letter) expect(letter.event_id).toBe(goal.event_id);
          letterId = letter?.id ?? "";
          return letterId;
        },
        { ...poll, timeout: 60_000 },
      )
      .not.toBe("");
    expect(push.attempts(subscription.endpoint).map((a) => a.status)).toEqual([400]);

    const ops = await open("#/ops", { admin: true });
    const panel = ops.getByRole("region", { name: "Dead letters" });
    await panel.getByLabel("Queue").selectOption("notifications");
    await panel.getByLabel("State").selectOption("dead");
    const redrive = panel.getByRole("button", { name: `Redrive ${letterId} to notifications` });
    await redrive.waitFor();
    await screenshot(ops, "ops-dead-letters-desktop");
    await redrive.click();
    await expect
      .poll(() => panel.getByRole("status").textContent(), poll)
      .toBe(`Dead letter ${letterId} sent back to notifications.`);
    await expect.poll(() => redrive.count(), poll).toBe(0);

    // Sent back as it was, the push now goes through (the service answers 201 after its one refusal).
    const [delivery] = await push.waitForDeliveries(1, {
      endpoint: subscription.endpoint,
      timeoutMs: 60_000,
    });
    expect((delivery!.payload as { data: { event_id: string } }).data.event_id).toBe(goal.event_id);
    expect(push.attempts(subscription.endpoint).map((a) => a.status)).toEqual([400, 201]);
    const letters = await getJson("/v1/ops/dead-letters?queue=notifications&limit=200", admin);
    expect(letters.body.dead_letters.find((l: any) => l.id === letterId)?.state).not.toBe("dead");

    const phone = await open("#/ops", { admin: true, viewport: PHONE });
    await phone
      .getByRole("region", { name: "Dead letters" })
      .getByText(/Newest first|No dead letters/)
      .first()
      .waitFor();
    expect(
      await phone.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, "ops-dead-letters-phone");
  });
});

// The fan SDK in a real Chromium, on the demo page the stack serves (apps/web/dist: rebuild apps/web first).
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, getJson, postEvents } from "../http.js";
import {
  AWAY_PLAYERS,
  createMatch,
  distinctShots,
  goal,
  HOME_PLAYERS,
  periodStarted,
  uniqueMatchId,
} from "../match.js";
import { range } from "../wait.js";
import { launchChromium } from "./chromium.js";
import {
  alertsOf,
  closeClient,
  closeNotifications,
  deliveredSequences,
  dropSockets,
  listedSequences,
  notificationsOf,
  openDemo,
  pushPayload,
  rendersOf,
  serviceWorkerDomain,
  serviceWorkerReady,
  statusOf,
  storeDemoDevice,
  textOf,
} from "./demo.js";

let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let pages: Page[] = [];
const poll = { timeout: 30_000, interval: 50 };

beforeAll(async () => {
  browser = await launchChromium();
  context = browser.context;
  await context.grantPermissions(["notifications"], { origin: new URL(baseUrl()).origin });
});
afterAll(() => browser?.close());
afterEach(async () => {
  await context.setOffline(false);
  await Promise.all(pages.map((p) => p.close()));
  pages = [];
});

async function demo(matchId: string) {
  const page = await openDemo(context, matchId);
  pages.push(page);
  return page;
}

/**
 * Delivers a push (the `attempt`-th: callers give each a later sequence with the same tag, so at most one
 * notification shows) until `shown` says it is, up to 10 times, waiting `waitMs` for each. A push delivered
 * through CDP is now and then never shown (seen in two CI runs and in 1 of 26 local runs of this file, right after
 * the previous test's pages closed; the cause is not known), and the worker's behaviour, not CDP's, is under test.
 */
async function deliverUntilShown(
  deliver: (attempt: number) => Promise<void>,
  shown: () => Promise<boolean>,
  waitMs: number,
): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    // Said out loud, so a run's log shows how often it was needed.
    if (attempt > 0)
      console.warn(`push not shown within ${waitMs} ms; delivering it again (attempt ${attempt + 1})`);
    await deliver(attempt);
    for (let waited = 0; waited < waitMs; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      if (await shown()) return true;
    }
  }
  return false;
}

async function post(matchId: string, event: unknown) {
  const res = await postEvents(matchId, event);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.results[0].status).toBe("sequenced");
}

describe("@buzz/client-sdk in Chromium", () => {
  it("shows a goal live, as the source sends it", async () => {
    const matchId = await createMatch("browser-goal");
    const page = await demo(matchId);
    expect(await textOf(page, "score")).toBe("Home FC 0–0 Away United");

    await post(matchId, periodStarted());
    await post(matchId, goal("HOME", HOME_PLAYERS[0]!.player_id, 12));
    await expect.poll(() => textOf(page, "score"), poll).toBe("Home FC 1–0 Away United");
    expect(await page.locator("[data-testid=events] li").last().textContent()).toContain(
      "GOAL Home FC: HOM Player 1",
    );
    expect(await listedSequences(page)).toEqual([1, 2]);
  });

  it("recovers gap-free when its socket is killed and when the network goes away: every event once, in order", async () => {
    const matchId = await createMatch("browser-drops");
    const page = await demo(matchId);
    let sockets = 0;
    page.on("websocket", () => sockets++);
    const events = [periodStarted(), ...distinctShots(36), goal("AWAY", AWAY_PLAYERS[1]!.player_id, 40)];

    for (const [i, event] of events.entries()) {
      if (i === 8 || i === 18) {
        // The socket dies; the next events are sequenced while the page reconnects.
        await expect.poll(() => statusOf(page), poll).toBe("live");
        expect(await dropSockets(page)).toBe(1);
      }
      if (i === 26) {
        await expect.poll(() => statusOf(page), poll).toBe("live");
        await context.setOffline(true);
        // Offline emulation stalls the open socket without closing it: close it too, so the page really is cut off.
        await dropSockets(page);
        await expect.poll(() => statusOf(page), poll).toBe("offline");
      }
      await post(matchId, event);
      if (i === 32) {
        expect(await statusOf(page)).toBe("offline");
        await context.setOffline(false);
      }
    }

    await expect.poll(() => listedSequences(page), poll).toEqual(range(1, events.length));
    expect(await deliveredSequences(page)).toEqual(range(1, events.length));
    expect(await textOf(page, "score")).toBe("Home FC 0–1 Away United");
    expect(await statusOf(page)).toBe("live");
    // Counted from after the first socket: a new one for each of the two drops, and one back online.
    expect(sockets).toBeGreaterThanOrEqual(3);
  });

  it("re-renders the React view on a score change", async () => {
    const matchId = await createMatch("browser-react");
    const page = await demo(matchId);
    await post(matchId, periodStarted());
    await expect.poll(() => listedSequences(page), poll).toEqual([1]);
    const before = await rendersOf(page);

    await post(matchId, goal("AWAY", AWAY_PLAYERS[0]!.player_id, 20));
    await expect.poll(() => textOf(page, "score"), poll).toBe("Home FC 0–1 Away United");
    const afterFirst = await rendersOf(page);
    expect(afterFirst).toBeGreaterThan(before);
    await post(matchId, goal("HOME", HOME_PLAYERS[2]!.player_id, 30));
    await expect.poll(() => textOf(page, "score"), poll).toBe("Home FC 1–1 Away United");
    expect(await rendersOf(page)).toBeGreaterThan(afterFirst);
  });

  it("service worker: shows a pushed goal, replaces it with its amendment, and stays quiet for a match a visible page is live on", async () => {
    const liveMatch = await createMatch("browser-sw-live");
    const page = await demo(liveMatch);
    expect(await serviceWorkerReady(page)).toBe(true);
    const sw = await serviceWorkerDomain(context, page);
    const registrationId = await sw.registrationId();
    const away = uniqueMatchId("browser-sw-away"); // a match no page shows: its pushes must be seen
    const ours = async () =>
      (await notificationsOf(page)).filter(
        (n) => n.data?.match_id === away || n.data?.match_id === liveMatch,
      );

    await sw.deliver(
      registrationId,
      pushPayload(away, 5, `${away}:goal-1`, "GOAL! Home FC 1–0", "Scorer to be confirmed"),
    );
    await expect.poll(ours, poll).toEqual([
      {
        title: "GOAL! Home FC 1–0",
        body: "Scorer to be confirmed",
        tag: `${away}:goal-1`,
        data: pushPayload(away, 5, "", "", "").data,
      },
    ]);

    await sw.deliver(
      registrationId,
      pushPayload(away, 6, `${away}:goal-1`, "GOAL! Home FC 1–0", "HOM Player 7, 23'"),
    );
    await expect
      .poll(async () => (await ours()).map((n) => [n.tag, n.body, n.data.sequence_number]), poll)
      .toEqual([[`${away}:goal-1`, "HOM Player 7, 23'", 6]]);

    // The page is visible and live on liveMatch: its socket showed the goal, so the worker shows nothing. Pushes
    // reach the worker in order and this one settles in fewer steps than the next, so once the next is shown,
    // this one has been decided.
    await closeNotifications(page);
    await expect.poll(ours, poll).toEqual([]);
    await sw.deliver(
      registrationId,
      pushPayload(liveMatch, 2, `${liveMatch}:goal-1`, "GOAL! Away United", "on the page already"),
    );
    const barrier = await deliverUntilShown(
      (sequence) =>
        sw.deliver(
          registrationId,
          pushPayload(away, 9 + sequence, `${away}:goal-2`, "GOAL! Home FC 2–0", "HOM Player 3"),
        ),
      async () => (await ours()).some((n) => n.tag === `${away}:goal-2`),
      3_000,
    );
    expect(barrier).toBe(true);
    // Earlier notifications may already have been closed by headless Chromium; what matters is that none is for liveMatch.
    expect((await ours()).filter((n) => n.data.match_id === liveMatch)).toEqual([]);

    // With no page live on it any more, the same match's pushes are shown.
    await closeClient(page);
    await expect.poll(() => statusOf(page), poll).toBe("offline");
    await closeNotifications(page);
    await expect.poll(ours, poll).toEqual([]);
    // The page's "live on nothing" reaches the worker by postMessage, the push by another way: the first push may
    // still meet the old answer, and is then rightly not shown. The worker must learn it, and within a few pushes.
    const shownForLiveMatch = async () =>
      (await ours()).filter((n) => n.data.match_id === liveMatch).map((n) => n.body);
    await deliverUntilShown(
      (sequence) =>
        sw.deliver(
          registrationId,
          pushPayload(liveMatch, 3 + sequence, `${liveMatch}:goal-2`, "GOAL! Away United", "shown now"),
        ),
      async () => (await shownForLiveMatch()).length > 0,
      1_000,
    );
    expect(await shownForLiveMatch()).toEqual(["shown now"]);
  });

  it("service worker: shows a silent push (a goal in quiet hours) without sound or vibration, and others as before", async () => {
    const page = await demo(await createMatch("browser-sw-silent-page"));
    expect(await serviceWorkerReady(page)).toBe(true);
    const sw = await serviceWorkerDomain(context, page);
    const registrationId = await sw.registrationId();
    const night = uniqueMatchId("browser-sw-silent"); // no page is live on it: its pushes are shown
    const shownTags = async () => (await alertsOf(page)).map((n) => n.tag);
    const silent = await deliverUntilShown(
      (sequence) =>
        sw.deliver(registrationId, {
          ...pushPayload(night, 1 + 2 * sequence, `${night}:goal-1`, "GOAL! Home FC 1–0", "at night"),
          silent: true,
        }),
      async () => (await shownTags()).includes(`${night}:goal-1`),
      3_000,
    );
    const loud = await deliverUntilShown(
      (sequence) =>
        sw.deliver(
          registrationId,
          pushPayload(night, 2 + 2 * sequence, `${night}:goal-2`, "GOAL! Home FC 2–0", "by day"),
        ),
      async () => (await shownTags()).includes(`${night}:goal-2`),
      3_000,
    );
    expect([silent, loud]).toEqual([true, true]);
    await expect
      .poll(
        async () =>
          (await alertsOf(page))
            .filter((n) => n.tag.startsWith(night))
            .sort((a, b) => a.tag.localeCompare(b.tag)),
        poll,
      )
      .toEqual([
        { tag: `${night}:goal-1`, silent: true, vibrate: [] },
        { tag: `${night}:goal-2`, silent: false, vibrate: [] },
      ]);
  });

  it("deleteDevice from the page erases the device on the server: its token is refused afterwards", async () => {
    const registered = await fetch(`${baseUrl()}/v1/devices`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"locale":"fr"}',
    });
    expect(registered.status).toBe(201);
    const { device_id, token } = (await registered.json()) as { device_id: string; token: string };
    const follows = () => getJson("/v1/devices/me/follows", { Authorization: `Bearer ${token}` });
    expect((await follows()).status).toBe(200);

    const matchId = await createMatch("browser-device");
    const page = await demo(matchId);
    await storeDemoDevice(page, { baseUrl: baseUrl(), device_id, token });
    await page.getByRole("button", { name: "Forget this device" }).click();
    await expect
      .poll(() => textOf(page, "push-message"), poll)
      .toBe("Device deleted: Buzz no longer knows this browser.");
    expect((await follows()).status).toBe(401);
  });

  it("a match the server does not know: the page shows `failed`, though a browser's WebSocket hides the 404", async () => {
    const page = await context.newPage();
    pages.push(page);
    let sockets = 0;
    page.on("websocket", () => sockets++);
    await page.goto(`${baseUrl()}/sdk-demo/?match=${uniqueMatchId("browser-nowhere")}`);
    await expect.poll(() => statusOf(page), poll).toBe("failed");
    expect(await textOf(page, "error")).toBe("404 match_not_found");
    const attempts = sockets;
    await new Promise((r) => setTimeout(r, 3_000)); // the default backoff starts at 1 s: a loop would try again
    expect(sockets).toBe(attempts);
  });
});

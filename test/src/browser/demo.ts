// Driving the SDK demo page (apps/web/sdk-demo, served by the stack at /sdk-demo/) and its service worker.
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { expect } from "vitest";
import { baseUrl } from "../http.js";

/** The page's globals the suite touches; it compiles without the DOM library. Casts are erased, so `page.evaluate` can use them. */
interface DemoWindow {
  localStorage: { setItem(key: string, value: string): void };
  buzzDemo: {
    delivered: number[];
    dropSockets(): number;
    serviceWorker: Promise<unknown>;
    client: { close(): void };
  };
  navigator: {
    serviceWorker: {
      ready: Promise<{
        getNotifications(): Promise<{ title: string; body: string; tag: string; data: unknown }[]>;
      }>;
    };
  };
}
type Shown = {
  title: string;
  body: string;
  tag: string;
  data: { match_id: string; sequence_number: number };
};

/** Opens the demo on a match and waits until the SDK is live on it. */
export async function openDemo(context: BrowserContext, matchId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/sdk-demo/?match=${encodeURIComponent(matchId)}`);
  await expect.poll(() => statusOf(page), { timeout: 30_000 }).toBe("live");
  return page;
}

export const textOf = (page: Page, testId: string) => page.getByTestId(testId).textContent();
export const statusOf = (page: Page) => textOf(page, "status");
export const rendersOf = async (page: Page) =>
  Number(await page.getByTestId("match").getAttribute("data-renders"));

/** The sequence numbers of the events the page lists, top to bottom. */
export const listedSequences = (page: Page) =>
  page
    .locator("[data-testid=events] li")
    .evaluateAll((items) =>
      items.map((li) => Number((li as unknown as { dataset: { seq: string } }).dataset.seq)),
    );

/** Every sequence number the SDK handed the page, in delivery order. */
export const deliveredSequences = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as DemoWindow).buzzDemo.delivered);

/** The page's test hook: closes its open sockets from the client side, as a network drop would. Answers how many. */
export const dropSockets = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as DemoWindow).buzzDemo.dropSockets());

/** Closes the page's Buzz client: the page is no longer live on anything. */
export const closeClient = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as DemoWindow).buzzDemo.client.close());

/** Gives the page's push controls a device, as if it had registered one ("buzz-demo:device" in localStorage). */
export const storeDemoDevice = (page: Page, device: { baseUrl: string; device_id: string; token: string }) =>
  page.evaluate(
    (d) => (globalThis as unknown as DemoWindow).localStorage.setItem("buzz-demo:device", JSON.stringify(d)),
    device,
  );

/** Resolves once /sw.js, registered by the page, is active. */
export const serviceWorkerReady = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as DemoWindow).buzzDemo.serviceWorker.then(() => true));

/** A CDP session on the page with the ServiceWorker domain on, keeping every registration it reports. */
export async function serviceWorkerDomain(context: BrowserContext, page: Page) {
  const session: CDPSession = await context.newCDPSession(page);
  const registrations = new Map<string, { registrationId: string; scopeURL: string; isDeleted?: boolean }>();
  session.on("ServiceWorker.workerRegistrationUpdated", ({ registrations: updated }) => {
    for (const r of updated) registrations.set(r.registrationId, r);
  });
  await session.send("ServiceWorker.enable");
  const origin = new URL(baseUrl()).origin;
  return {
    /** The registration of /sw.js, whose scope is the site root. */
    async registrationId(): Promise<string> {
      await expect
        .poll(() => [...registrations.values()].some((r) => r.scopeURL === `${origin}/` && !r.isDeleted), {
          timeout: 30_000,
        })
        .toBe(true);
      return [...registrations.values()].find((r) => r.scopeURL === `${origin}/` && !r.isDeleted)!
        .registrationId;
    },
    /** What the push service would deliver: the payload reaches the worker's `push` event as it is. */
    async deliver(registrationId: string, payload: unknown) {
      await session.send("ServiceWorker.deliverPushMessage", {
        origin,
        registrationId,
        data: JSON.stringify(payload),
      });
    },
  };
}

/**
 * The notifications the worker shows, as `registration.getNotifications()` reports them. Headless Chromium drops
 * all but the latest three from this list after about 25 s, so check them soon after the pushes.
 */
export const notificationsOf = (page: Page): Promise<Shown[]> =>
  page.evaluate(async () => {
    const registration = await (globalThis as unknown as DemoWindow).navigator.serviceWorker.ready;
    const shown = await registration.getNotifications();
    return shown.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as Shown["data"] }));
  });

/** How each shown notification alerts: `silent` (no sound, no vibration) and its `vibrate` pattern. */
export const alertsOf = (page: Page): Promise<{ tag: string; silent: boolean | null; vibrate: number[] }[]> =>
  page.evaluate(async () => {
    const registration = await (globalThis as unknown as DemoWindow).navigator.serviceWorker.ready;
    const shown = (await registration.getNotifications()) as unknown as {
      tag: string;
      silent: boolean | null;
      vibrate: readonly number[];
    }[];
    return shown.map((n) => ({ tag: n.tag, silent: n.silent, vibrate: [...(n.vibrate ?? [])] }));
  });

/** Closes every notification the worker shows, so a step of a test sees only what its own pushes showed. */
export const closeNotifications = (page: Page): Promise<void> =>
  page.evaluate(async () => {
    const registration = await (globalThis as unknown as DemoWindow).navigator.serviceWorker.ready;
    for (const n of await registration.getNotifications()) (n as unknown as { close(): void }).close();
  });

export const pushPayload = (matchId: string, sequence: number, tag: string, title: string, body: string) => ({
  title,
  body,
  tag,
  data: {
    event_id: `${matchId}-ev-${sequence}`,
    match_id: matchId,
    sequence_number: sequence,
    url: `/sdk-demo/?match=${matchId}`,
  },
});

import type { MockPush } from "../../test/src/mock-push/index.js";
import { expectOk } from "./client.js";

const LOCALES = ["fr", "en", "es", "de", "ar"];

/**
 * Registers `count` fan devices of `team` as the app does: a device, a Web Push subscription at the mock push
 * service (created for the stack's VAPID key, which the strict mock checks), and the team followed. Returns each
 * device's push endpoint.
 */
export async function registerFans(
  baseUrl: string,
  push: MockPush,
  vapidPublicKey: string,
  team: string,
  count: number,
): Promise<string[]> {
  const endpoints: string[] = [];
  for (let i = 0; i < count; i++) {
    const json = { "Content-Type": "application/json" };
    const device = await expectOk(
      await fetch(`${baseUrl}/v1/devices`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ locale: LOCALES[i % LOCALES.length] }),
      }),
      "POST /v1/devices",
    );
    const auth = { ...json, Authorization: `Bearer ${device.token}` };
    const sub = push.newSubscription({ applicationServerKey: vapidPublicKey });
    await expectOk(
      await fetch(`${baseUrl}/v1/devices/me/push-subscription`, {
        method: "PUT",
        headers: auth,
        body: JSON.stringify(sub),
      }),
      "PUT push-subscription",
    );
    await expectOk(
      await fetch(`${baseUrl}/v1/devices/me/follows`, {
        method: "PUT",
        headers: auth,
        body: JSON.stringify({ teams: [team] }),
      }),
      "PUT follows",
    );
    endpoints.push(sub.endpoint);
  }
  return endpoints;
}

import type { MockPush } from "../../test/src/mock-push/index.js";
import { expectOk } from "./client.js";

const LOCALES = ["fr", "en", "es", "de", "ar"];

/** The gateway takes 120 device registrations a minute from one address (wrangler.jsonc DEVICE_REGISTRATIONS). */
const FANS_PER_ADDRESS = 100;

/**
 * `perTeam` fan devices for each team, as an app registers them: a device, a Web Push subscription at the mock
 * push service, and a follow of the team. Resolves to each fan's team and push endpoint. Every 100 fans register
 * from another address (CF-Connecting-IP, which the local runtime keeps: RFC 2544's 198.18.0.0/15 benchmarking
 * range), so a big audience is not refused by the registration limit.
 */
export async function registerFans(
  baseUrl: string,
  push: MockPush,
  vapidPublicKey: string,
  teams: readonly string[],
  perTeam: number,
): Promise<{ team: string; endpoint: string }[]> {
  const fans: { team: string; endpoint: string }[] = [];
  const json = { "Content-Type": "application/json" };
  for (const team of teams)
    for (let i = 0; i < perTeam; i++) {
      const n = Math.floor(fans.length / FANS_PER_ADDRESS);
      const device = await expectOk(
        await fetch(`${baseUrl}/v1/devices`, {
          method: "POST",
          headers: { ...json, "CF-Connecting-IP": `198.18.${n >> 8}.${n & 255}` },
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
      fans.push({ team, endpoint: sub.endpoint });
    }
  return fans;
}

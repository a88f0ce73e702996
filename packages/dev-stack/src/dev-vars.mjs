import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The local keys of the contract (DESIGN.md, "Local configuration"). */
export const DEV_ADMIN_TOKEN = "dev-admin-token";
export const DEV_SOURCE_KEY = {
  id: "dev-source",
  secret: "dev-source-secret",
  systems: ["*"],
  matches: ["*"],
};
export const DEV_VARS = { ADMIN_TOKEN: DEV_ADMIN_TOKEN, SOURCE_KEYS: JSON.stringify([DEV_SOURCE_KEY]) };

export const DEV_VAPID_SUBJECT = "mailto:dev@buzz.local";
/**
 * The production allow-list (PUSH_ENDPOINT_ALLOWLIST in both wrangler.jsonc files) plus the local mock push
 * service, which listens on http://127.0.0.1 at a free port.
 */
export const DEV_PUSH_ENDPOINT_ALLOWLIST = [
  "https://fcm.googleapis.com",
  "https://*.push.apple.com",
  "https://updates.push.services.mozilla.com",
  "https://*.notify.windows.com",
  "http://127.0.0.1",
].join(",");

/**
 * The native push services (FCM with Google's token endpoint, APNs, Expo; the pipeline's default list) plus local
 * mocks on http://127.0.0.1. Without FCM_SERVICE_ACCOUNT / APNS_* credentials a provider is simply not configured.
 */
export const DEV_NATIVE_PUSH_ALLOWLIST = [
  "https://fcm.googleapis.com",
  "https://oauth2.googleapis.com",
  "https://api.push.apple.com",
  "https://api.sandbox.push.apple.com",
  "https://exp.host",
  "http://127.0.0.1",
].join(",");

/**
 * What only local development and tests allow: the mock push services, webhook receivers on loopback, and v1
 * source signatures beside v2 (older stadium tools sign v1).
 */
export const LOCAL_ONLY_VARS = {
  PUSH_ENDPOINT_ALLOWLIST: DEV_PUSH_ENDPOINT_ALLOWLIST,
  NATIVE_PUSH_ALLOWLIST: DEV_NATIVE_PUSH_ALLOWLIST,
  WEBHOOK_ALLOW_LOOPBACK: "true",
  SOURCE_SIGNATURES: "v1,v2",
};

/**
 * A new VAPID key pair (RFC 8292), as `web-push generate-vapid-keys` prints it and @buzz/web-push's
 * importVapidKeys reads it: publicKey = base64url of the 65-byte uncompressed P-256 point (the browser's
 * applicationServerKey), privateKey = base64url of the raw 32-byte private scalar d (the JWK's "d").
 */
export async function generateVapidKeys() {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const publicKey = Buffer.from(await crypto.subtle.exportKey("raw", pair.publicKey)).toString("base64url");
  const { d } = await crypto.subtle.exportKey("jwk", pair.privateKey);
  return { publicKey, privateKey: d };
}

/** Fresh VAPID vars for a throwaway stack (tests, benches), passed as --var. */
export async function vapidVars() {
  const { publicKey, privateKey } = await generateVapidKeys();
  return { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: DEV_VAPID_SUBJECT };
}

/**
 * The local configuration of both Workers for `npm start` and `npm run dev`: the dev keys of the contract, the
 * local allow-lists, and a VAPID pair generated on the first run and kept in `.buzz/dev-vars.json` (browsers'
 * subscriptions are bound to it). They reach the Workers as --var, never as files in the app folders, so the
 * Workers' own tests always run on the committed configuration. Returns the vars and whether the pair is new.
 */
export async function devVars(root) {
  const file = join(root, ".buzz", "dev-vars.json");
  const kept = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
  const vapid = kept?.VAPID_PRIVATE_KEY ? kept : await vapidVars();
  if (!kept) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(vapid, null, 2)}\n`);
  }
  return { vars: { ...DEV_VARS, ...vapid, ...LOCAL_ONLY_VARS }, created: !kept ? file : null };
}

/** KEY=value lines of a dotenv file (surrounding quotes removed), or null when there is no file. */
export function readDotenv(file) {
  if (!existsSync(file)) return null;
  const vars = {};
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) vars[m[1]] = m[2].replace(/^'(.*)'$|^"(.*)"$/, (_, a, b) => a ?? b);
  }
  return vars;
}

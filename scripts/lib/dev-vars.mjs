import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The local keys of the contract (DESIGN.md, "Local configuration"). */
export const DEV_ADMIN_TOKEN = "dev-admin-token";
export const DEV_SOURCE_KEY = { id: "dev-source", secret: "dev-source-secret", systems: ["*"], matches: ["*"] };
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

/** What only local development and tests allow: the mock push services, and webhook receivers on loopback. */
export const LOCAL_ONLY_VARS = { PUSH_ENDPOINT_ALLOWLIST: DEV_PUSH_ENDPOINT_ALLOWLIST, NATIVE_PUSH_ALLOWLIST: DEV_NATIVE_PUSH_ALLOWLIST, WEBHOOK_ALLOW_LOOPBACK: "true" };

/**
 * A new VAPID key pair (RFC 8292), as `web-push generate-vapid-keys` prints it and @buzz/web-push's
 * importVapidKeys reads it: publicKey = base64url of the 65-byte uncompressed P-256 point (the browser's
 * applicationServerKey), privateKey = base64url of the raw 32-byte private scalar d (the JWK's "d").
 */
export async function generateVapidKeys() {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
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
 * The local secrets of both Workers, for wrangler dev: apps/edge-gateway/.dev.vars (admin and source keys,
 * the VAPID public key) and apps/worker-pipeline/.dev.vars (the VAPID pair), both with the local push
 * allow-list. The VAPID pair is generated on the first run and then kept, since browsers' subscriptions are
 * bound to it. A file that exists is the developer's own: only keys it lacks are appended, values are never
 * changed. Returns the files written or completed (relative to root).
 */
export async function ensureDevVars(root) {
  const files = { gateway: join("apps", "edge-gateway", ".dev.vars"), pipeline: join("apps", "worker-pipeline", ".dev.vars") };
  const current = { gateway: readDotenv(join(root, files.gateway)), pipeline: readDotenv(join(root, files.pipeline)) };
  const existing = [current.pipeline, current.gateway].find((v) => v?.VAPID_PRIVATE_KEY && v.VAPID_PUBLIC_KEY);
  const vapid = existing
    ? { VAPID_PUBLIC_KEY: existing.VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: existing.VAPID_PRIVATE_KEY, VAPID_SUBJECT: existing.VAPID_SUBJECT ?? DEV_VAPID_SUBJECT }
    : await vapidVars();
  const push = LOCAL_ONLY_VARS;
  const wanted = {
    gateway: { ...DEV_VARS, VAPID_PUBLIC_KEY: vapid.VAPID_PUBLIC_KEY, ...push },
    pipeline: { ...vapid, ...push },
  };
  const changed = [];
  for (const app of ["gateway", "pipeline"]) {
    const file = join(root, files[app]);
    const missing = Object.entries(wanted[app]).filter(([key]) => !(current[app] && key in current[app]));
    if (missing.length === 0) continue;
    const lines = missing.map(([k, v]) => `${k}=${quoteDotenv(v)}`).join("\n");
    if (current[app]) {
      const text = readFileSync(file, "utf8");
      writeFileSync(file, `${text}${text.endsWith("\n") || text === "" ? "" : "\n"}# Added by scripts/start.mjs\n${lines}\n`);
    } else {
      writeFileSync(file, `# Local secrets for wrangler dev, written by scripts/start.mjs. Not committed.\n${lines}\n`);
    }
    changed.push(files[app]);
  }
  return changed;
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

/** Single quotes keep the JSON's double quotes literal in dotenv syntax. */
function quoteDotenv(value) {
  return value.includes("'") ? JSON.stringify(value) : `'${value}'`;
}

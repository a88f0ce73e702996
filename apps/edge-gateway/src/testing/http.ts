// Helpers for tests that drive the gateway through its fetch handler, as a client would.
import { exports } from "cloudflare:workers";
import { FINAL } from "./fixtures.js";

export const ADMIN_TOKEN = "dev-admin-token";
export const DEV_KEY = { id: "dev-source", secret: "dev-source-secret" };
export const HAWKEYE_KEY = { id: "hawkeye-only", secret: "hawkeye-secret" };
export const WC_KEY = { id: "wc-only", secret: "wc-secret" };

export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`https://buzz.test${path}`, init));
}

export async function hmacHex(secret: string, message: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface SignOptions {
  key?: { id: string; secret: string };
  /** The contract's signature version: v2 (default) binds the method and path, v1 only the body. */
  version?: "v1" | "v2";
  /** The path a v2 signature covers; the ingest path of the match by default. */
  path?: string;
  /** Unix seconds; now by default. */
  timestamp?: number;
  /** Replaces the computed signature header. */
  signature?: string;
  omit?: ("X-Buzz-Key-Id" | "X-Buzz-Timestamp" | "X-Buzz-Signature")[];
}

/** Signature headers written from the contract: v1 over `ts.body`, v2 over `ts.METHOD.path.body`. */
export async function signedHeaders(
  body: string,
  path: string,
  opts: SignOptions = {},
): Promise<Record<string, string>> {
  const key = opts.key ?? DEV_KEY;
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const version = opts.version ?? "v2";
  const material = version === "v1" ? `${ts}.${body}` : `${ts}.POST.${opts.path ?? path}.${body}`;
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Buzz-Key-Id": key.id,
    "X-Buzz-Timestamp": ts,
    "X-Buzz-Signature": opts.signature ?? `${version}=${await hmacHex(key.secret, material)}`,
  };
  for (const h of opts.omit ?? []) delete headers[h];
  return headers;
}

/** POST a raw body (string, so malformed JSON can be sent) to the ingest endpoint, signed. */
export async function ingestRaw(matchId: string, body: string, opts: SignOptions = {}): Promise<Response> {
  const path = `/v1/matches/${matchId}/events`;
  return call(path, { method: "POST", headers: await signedHeaders(body, path, opts), body });
}

export function ingest(matchId: string, body: unknown, opts: SignOptions = {}): Promise<Response> {
  return ingestRaw(matchId, JSON.stringify(body), opts);
}

export function admin(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${ADMIN_TOKEN}`);
  headers.set("Content-Type", "application/json");
  return call(path, { ...init, headers });
}

export function putFixture(matchId: string, fixture: unknown = fixtureBody()): Promise<Response> {
  return admin(`/v1/matches/${matchId}`, { method: "PUT", body: JSON.stringify(fixture) });
}

/** A fresh copy of the 2018 final's fixture (the one the MatchRoom tests use), for a test to change at will. */
export function fixtureBody() {
  return structuredClone(FINAL);
}

export function goalEvent(scorer = "FRA-griezmann", minute = 38, system = "OPTA") {
  return {
    event_type: "GOAL_SCORED",
    occurred_at: new Date(Date.UTC(2018, 6, 15, 15, minute, 12, 450)).toISOString(),
    source: { system, operator_id: "op-42" },
    data: {
      team: { side: "HOME" },
      scorer: { player_id: scorer },
      assist: null,
      match_minute: minute,
      stoppage_minute: 0,
      match_period: "FIRST_HALF",
      goal_type: "PENALTY",
      body_part: "LEFT_FOOT",
    },
  };
}

export function kickOff(system = "OPTA") {
  return {
    event_type: "PERIOD_STARTED",
    occurred_at: "2018-07-15T15:00:00Z",
    source: { system },
    data: { match_period: "FIRST_HALF" },
  };
}

export interface ErrorJson {
  error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] };
}

/** Asserts the contract's error shape and returns it. */
export async function errorOf(res: Response): Promise<ErrorJson["error"]> {
  const body = (await res.json()) as ErrorJson;
  if (typeof body?.error?.code !== "string" || typeof body.error.message !== "string") {
    throw new Error(`not an error body: ${JSON.stringify(body)}`);
  }
  return body.error;
}

let counter = 0;
/** A fresh match id per test, so tests sharing storage never meet. */
export function freshMatchId(prefix = "m"): string {
  return `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

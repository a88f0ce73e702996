import { createHmac } from "node:crypto";
import { inject } from "vitest";
import { ADMIN_TOKEN, DEV_KEY, type SourceKey } from "./keys.js";

/** The e2e stack's base URL (provided by the global setup in stack.ts). */
export const baseUrl = (): string => inject("baseUrl");

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * The contract's source signature, v1.1's path-bound v2=hex(HMAC-SHA256(secret, `${ts}.POST.${path}.${rawBody}`)),
 * written from the contract and not taken from @buzz/client-sdk: the suites check the gateway against the
 * contract, not against the SDK (the replay suite goes through the SDK's signer).
 */
export function signatureHeaders(
  rawBody: string,
  path: string,
  key: Pick<SourceKey, "id" | "secret"> = DEV_KEY,
  timestamp = nowSeconds(),
) {
  const mac = createHmac("sha256", key.secret).update(`${timestamp}.POST.${path}.${rawBody}`).digest("hex");
  return { "X-Buzz-Key-Id": key.id, "X-Buzz-Timestamp": String(timestamp), "X-Buzz-Signature": `v2=${mac}` };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface PostOptions {
  key?: Pick<SourceKey, "id" | "secret">;
  timestamp?: number;
  /** Send these exact bytes (signed as they are) instead of JSON.stringify(body). */
  rawBody?: string;
  /** Skip the signature headers entirely. */
  unsigned?: boolean;
  headers?: Record<string, string>;
}

/** POST /v1/matches/{id}/events, signed with `dev-source` unless told otherwise. */
export function postEvents(matchId: string, body: unknown, opts: PostOptions = {}): Promise<JsonResponse> {
  const raw = opts.rawBody ?? JSON.stringify(body);
  const path = `/v1/matches/${encodeURIComponent(matchId)}/events`;
  const auth = opts.unsigned ? {} : signatureHeaders(raw, path, opts.key, opts.timestamp);
  return request("POST", path, raw, {
    ...auth,
    ...opts.headers,
  });
}

/** PUT /v1/matches/{id} as admin. */
export function putFixture(matchId: string, fixture: unknown, token = ADMIN_TOKEN): Promise<JsonResponse> {
  return request("PUT", `/v1/matches/${encodeURIComponent(matchId)}`, JSON.stringify(fixture), {
    Authorization: `Bearer ${token}`,
  });
}

export function getJson(path: string, headers: Record<string, string> = {}): Promise<JsonResponse> {
  return request("GET", path, undefined, headers);
}

async function request(
  method: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string>,
): Promise<JsonResponse> {
  const res = await fetch(baseUrl() + path, {
    method,
    body,
    headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the raw text stays, so an assertion on the body shape fails with something readable
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** The whole log of a match, following `next_after` page by page. */
export async function readLog(matchId: string, pageSize = 200): Promise<any[]> {
  const events: any[] = [];
  let after = 0;
  for (;;) {
    const res = await getJson(
      `/v1/matches/${encodeURIComponent(matchId)}/events?after=${after}&limit=${pageSize}`,
    );
    if (res.status !== 200)
      throw new Error(`GET events after ${after}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    events.push(...res.body.events);
    if (res.body.events.length === 0 || res.body.next_after === after) return events;
    after = res.body.next_after;
  }
}

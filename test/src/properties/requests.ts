// A generated request for one endpoint, and how it is sent: credentials are chosen here and, for signed
// ingest, computed over the exact bytes and path that go on the wire.
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { baseUrl, nowSeconds, signatureHeaders } from "../http.js";
import { ADMIN_TOKEN, DEV_KEY, RESTRICTED_KEY } from "../keys.js";
import {
  contentType,
  encodingOf,
  extraHeaders,
  hostileJson,
  mutationOf,
  paramOf,
  queryOf,
} from "./arbitraries.js";
import type { Endpoint, World } from "./endpoints.js";

export type Credential =
  | "valid"
  | "none"
  | "garbage"
  | "other-kind"
  | "v1"
  | "wrong-secret"
  | "stale"
  | "restricted-key";

export interface GeneratedRequest {
  method: string;
  path: string;
  query: string;
  credential: Credential;
  contentType: string | undefined;
  body: string | undefined;
  headers: Record<string, string>;
}

/** The wrong credentials each kind of endpoint is tried with. */
const WRONG: Record<Endpoint["auth"], Credential[]> = {
  none: ["garbage"],
  device: ["none", "garbage", "other-kind"],
  "fresh-device": ["none", "garbage", "other-kind"],
  admin: ["none", "garbage", "other-kind"],
  source: ["v1", "none", "garbage", "wrong-secret", "stale", "restricted-key"],
};

/** Mostly the endpoint's own method; sometimes another, which must be refused as cleanly. */
const otherMethod = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

/** The parts of a request a run makes hostile: one of them (most runs), all at once, or none. */
const PARTS = ["method", "path", "query", "credential", "contentType", "body", "headers"] as const;
type Part = (typeof PARTS)[number];

/**
 * A request that is valid but for its hostile parts. One part at a time reaches furthest (a body wrong in one
 * string gets past authentication and routing); everything at once and nothing at all are drawn too.
 */
export function requestOf(endpoint: Endpoint, world: World): fc.Arbitrary<GeneratedRequest> {
  const names = Object.keys(endpoint.params ?? {});
  const fill = (values: string[]) =>
    names.reduce((p, n, i) => p.replace(`{${n}}`, values[i]!), endpoint.path);
  const valid = endpoint.body?.(world);
  const validBody = valid === undefined ? undefined : JSON.stringify(valid);
  const parts = fc.oneof(
    { arbitrary: fc.constantFrom(...PARTS).map((p): Part[] => [p]), weight: 6 },
    // The body holds most of what a client controls: it is the single hostile part as often again.
    { arbitrary: fc.constant<Part[]>(["body"]), weight: valid === undefined ? 0 : 4 },
    { arbitrary: fc.constant<Part[]>([...PARTS]), weight: 2 },
    { arbitrary: fc.constant<Part[]>([]), weight: 1 },
  );
  return parts.chain((hostile) => {
    const pick = <T>(part: Part, bad: fc.Arbitrary<T>, good: T) =>
      hostile.includes(part) ? bad : fc.constant(good);
    return fc.record({
      method: pick("method", otherMethod, endpoint.method),
      path: pick(
        "path",
        fc.tuple(...names.map((n) => paramOf(endpoint.params![n]!(world)))).map(fill),
        fill(names.map((n) => endpoint.params![n]!(world))),
      ),
      query: pick("query", queryOf(endpoint.query ?? []), ""),
      credential: pick("credential", fc.constantFrom(...WRONG[endpoint.auth]), "valid" as Credential),
      contentType: pick("contentType", contentType, "application/json" as string | undefined),
      body: pick(
        "body",
        valid === undefined ? encodingOf(hostileJson) : encodingOf(mutationOf(valid)),
        validBody,
      ),
      headers: pick("headers", extraHeaders, {}),
    });
  });
}

function authHeaders(
  endpoint: Endpoint,
  req: GeneratedRequest,
  token: string,
  raw: string,
): Record<string, string> {
  const { credential } = req;
  if (credential === "none" || (endpoint.auth === "none" && credential === "valid")) return {};
  if (credential === "garbage")
    return { Authorization: "Bearer not-a-real-token", "X-Buzz-Signature": "v2=00" };
  if (endpoint.auth === "source") {
    if (credential === "v1") {
      const ts = nowSeconds();
      const mac = createHmac("sha256", DEV_KEY.secret).update(`${ts}.${raw}`).digest("hex");
      return { "X-Buzz-Key-Id": DEV_KEY.id, "X-Buzz-Timestamp": String(ts), "X-Buzz-Signature": `v1=${mac}` };
    }
    const key =
      credential === "wrong-secret"
        ? { id: DEV_KEY.id, secret: "not-the-secret" }
        : credential === "restricted-key"
          ? RESTRICTED_KEY
          : DEV_KEY;
    // Signed over the path as sent: a mutated match id is then refused for what it is, not for the signature.
    return signatureHeaders(raw, req.path, key, credential === "stale" ? nowSeconds() - 3_600 : undefined);
  }
  if (credential === "other-kind")
    return { Authorization: `Bearer ${endpoint.auth === "admin" ? token : ADMIN_TOKEN}` };
  return { Authorization: `Bearer ${endpoint.auth === "admin" ? ADMIN_TOKEN : token}` };
}

export interface Sent {
  status: number;
  contentType: string | null;
  body: any;
}

/**
 * Sends it from an address of its own (CF-Connecting-IP, which the local runtime keeps), so the suite never
 * spends the registration budget of the suites after it. A stream that was accepted is hung up on at once.
 */
export async function send(endpoint: Endpoint, req: GeneratedRequest, deviceToken: string): Promise<Sent> {
  const raw = req.body ?? "";
  const headers: Record<string, string> = {
    ...req.headers,
    ...authHeaders(endpoint, req, deviceToken, raw),
    "CF-Connecting-IP": "198.51.100.77",
  };
  if (req.contentType) headers["Content-Type"] = req.contentType;
  const canHaveBody = req.method !== "GET" && req.method !== "HEAD";
  const res = await fetch(baseUrl() + req.path + req.query, {
    method: req.method,
    headers,
    body: canHaveBody ? req.body : undefined,
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  const type = res.headers.get("content-type");
  if (endpoint.stream && type?.startsWith("text/event-stream")) {
    await res.body?.cancel();
    return { status: res.status, contentType: type, body: null };
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // left as text: the assertion on the error shape then shows what came back
  }
  return { status: res.status, contentType: type, body };
}

/** One line a failing case can be read from (the seed and path come from fast-check's report). */
export const describe = (req: GeneratedRequest, res: Sent) =>
  `${req.method} ${req.path}${req.query} [${req.credential}, ${req.contentType ?? "no content-type"}, ` +
  `headers ${JSON.stringify(req.headers)}, body ${JSON.stringify(req.body?.slice(0, 300))}] → ${res.status} ` +
  JSON.stringify(res.body)?.slice(0, 400);

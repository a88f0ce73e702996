// A mock APNs provider API on loopback, one server per environment (production, sandbox), as strict as Apple's:
// provider token (ES256, kid, iss, iat), headers and their values, device token format and environment, a JSON
// payload with `aps` of at most 4 KB. It speaks HTTP/1.1 where Apple requires HTTP/2: local workerd's fetch
// cannot do HTTP/2 (see the pipeline README), so that one requirement is not checked here.
//   const apns = await startMockApns();  const token = apns.newToken();  apns.script(token, [410]);  apns.deliveries(token)
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ApnsCredentials, apnsCredentials } from "../mock-native/credentials.js";
import { json, parseJson, readBody, type Scripted } from "../mock-native/http.js";
import { ProviderTokens } from "./auth.js";
import { type ApnsHeaders, checkHeaders } from "./headers.js";

export const MAX_PAYLOAD_BYTES = 4096;
export type Environment = "production" | "sandbox";

export interface ApnsDelivery {
  token: string;
  environment: Environment;
  headers: ApnsHeaders;
  payload: {
    aps: { alert?: { title?: string; body?: string }; "thread-id"?: string };
    [key: string]: unknown;
  };
  jwt: { iss: string; iat: number; kid: string };
  receivedAt: number;
}
export interface ApnsAttempt {
  token: string;
  status: number;
  reason?: string;
  at: number;
}

export interface MockApns {
  origins: Record<Environment, string>;
  credentials: ApnsCredentials;
  newToken(environment?: Environment): string;
  script(token: string, responses: Scripted[]): void;
  /** The app was removed: 410 Unregistered from now on. */
  unregister(token: string): void;
  deliveries(token?: string): ApnsDelivery[];
  attempts(token?: string): ApnsAttempt[];
  close(): Promise<void>;
}

export async function startMockApns(options: { credentials?: ApnsCredentials } = {}): Promise<MockApns> {
  const credentials = options.credentials ?? apnsCredentials();
  const providerTokens = new ProviderTokens(credentials);
  const devices = new Map<string, { environment: Environment; script: Scripted[]; unregistered: boolean }>();
  const deliveries: ApnsDelivery[] = [];
  const attempts: ApnsAttempt[] = [];

  async function handle(environment: Environment, req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req, 1024 * 1024);
    const token = /^\/3\/device\/([^/?]+)$/.exec(req.url ?? "")?.[1] ?? "";
    const refuse = (status: number, reason: string, headers: Record<string, string> = {}) => {
      attempts.push({ token, status, reason, at: Date.now() });
      json(
        res,
        status,
        { reason, ...(status === 410 ? { timestamp: Date.now() } : {}) },
        { "apns-id": randomUUID(), ...headers },
      );
    };
    if (req.method !== "POST") return refuse(405, "MethodNotAllowed");
    if (!token) return refuse(404, "BadPath");
    const auth = providerTokens.check(req.headers.authorization);
    if (!auth.ok) return refuse(auth.status, auth.reason);
    const headers = checkHeaders(req.headers, credentials.topic);
    if (typeof headers === "string") return refuse(400, headers);
    if (!/^[0-9a-f]{64,}$/.test(token)) return refuse(400, "BadDeviceToken");
    if (!body || body.length > MAX_PAYLOAD_BYTES) return refuse(413, "PayloadTooLarge");
    const payload = parseJson(body.toString("utf8")) as ApnsDelivery["payload"] | undefined;
    if (body.length === 0) return refuse(400, "PayloadEmpty");
    if (!payload || typeof payload !== "object" || typeof payload.aps !== "object" || payload.aps === null)
      return refuse(400, "BadPayload");
    const device = devices.get(token);
    // A token of the other environment is as unknown to this one as a made-up token.
    if (!device || device.environment !== environment) return refuse(400, "BadDeviceToken");
    if (device.unregistered) return refuse(410, "Unregistered");
    const next = device.script.shift();
    // A scripted 200 is an ordinary delivery (so a script can say "one push, then gone").
    if (next !== undefined && next !== 200) {
      const { status, retryAfter, reason } =
        typeof next === "number" ? { status: next, retryAfter: undefined, reason: undefined } : next;
      if (status === 410) device.unregistered = true;
      const why =
        reason ??
        {
          400: "BadDeviceToken",
          410: "Unregistered",
          429: "TooManyRequests",
          500: "InternalServerError",
          503: "ServiceUnavailable",
        }[status] ??
        "Scripted";
      return refuse(status, why, retryAfter === undefined ? {} : { "retry-after": String(retryAfter) });
    }
    deliveries.push({
      token,
      environment,
      headers,
      payload,
      jwt: { ...auth.claims, kid: auth.kid },
      receivedAt: Date.now(),
    });
    attempts.push({ token, status: 200, at: Date.now() });
    res.writeHead(200, { "apns-id": randomUUID() }).end();
  }

  const servers = (["production", "sandbox"] as const).map((environment) =>
    createServer((req, res) =>
      handle(environment, req, res).catch((err: unknown) =>
        json(res, 500, { reason: `mock apns bug: ${(err as Error).message}` }),
      ),
    ),
  );
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
  const originOf = (i: number) => `http://127.0.0.1:${(servers[i]!.address() as AddressInfo).port}`;
  const filter = <T extends { token: string }>(list: T[], token?: string) =>
    token === undefined ? [...list] : list.filter((x) => x.token === token);
  return {
    origins: { production: originOf(0), sandbox: originOf(1) },
    credentials,
    newToken(environment = "production") {
      const token = randomBytes(32).toString("hex");
      devices.set(token, { environment, script: [], unregistered: false });
      return token;
    },
    script: (token, responses) => void devices.get(token)!.script.push(...responses),
    unregister: (token) => void (devices.get(token)!.unregistered = true),
    deliveries: (token) => filter(deliveries, token),
    attempts: (token) => filter(attempts, token),
    close: () =>
      Promise.all(
        servers.map(
          (s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve()))),
        ),
      ).then(() => {}),
  };
}

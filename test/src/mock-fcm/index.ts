// A mock FCM (HTTP v1) on loopback, as strict as the real one: its OAuth token endpoint verifies the service
// account's RS256 assertion, every send must carry one of the access tokens it issued, and messages are checked
// field by field. Registration tokens are handed out by the mock; an unknown one is INVALID_ARGUMENT.
//   const fcm = await startMockFcm();  const token = fcm.newToken();  fcm.script(token, [503]);  fcm.deliveries(token)
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServiceAccountJSON, serviceAccount } from "../mock-native/credentials.js";
import { json, parseJson, readBody, type Scripted } from "../mock-native/http.js";
import { checkMessage, type FcmMessage } from "./message.js";
import { checkGrant } from "./oauth.js";

export interface FcmDelivery {
  token: string;
  message: FcmMessage;
  accessToken: string;
  receivedAt: number;
}
export interface FcmAttempt {
  token: string | undefined;
  status: number;
  reason?: string;
  at: number;
}

export interface MockFcm {
  origin: string;
  /** The service account the mock trusts (its token_uri is this mock's, or the one given). */
  serviceAccount: ServiceAccountJSON;
  newToken(): string;
  script(token: string, responses: Scripted[]): void;
  /** The app was uninstalled: 404 UNREGISTERED from now on. */
  unregister(token: string): void;
  /** Every access token issued so far is revoked: the next send with one is 401. */
  revokeAccessTokens(): void;
  deliveries(token?: string): FcmDelivery[];
  attempts(token?: string): FcmAttempt[];
  /** Assertions accepted at the token endpoint (their claims). */
  grants(): Record<string, unknown>[];
  close(): Promise<void>;
}

export interface MockFcmOptions {
  /** Trust this service account (with its public key) instead of generating one: the e2e stack's. */
  account?: { json: ServiceAccountJSON; publicKey: string };
}

const fcmError = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) =>
  json(
    res,
    status,
    {
      error: {
        code: status,
        message,
        status: code,
        details: [{ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode: code }],
      },
    },
    headers,
  );
const STATUS_CODES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "SENDER_ID_MISMATCH",
  404: "UNREGISTERED",
  429: "QUOTA_EXCEEDED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export async function startMockFcm(options: MockFcmOptions = {}): Promise<MockFcm> {
  const tokens = new Map<string, { script: Scripted[]; unregistered: boolean }>();
  const accessTokens = new Set<string>();
  const deliveries: FcmDelivery[] = [];
  const attempts: FcmAttempt[] = [];
  const grants: Record<string, unknown>[] = [];
  const server = createServer((req, res) =>
    handle(req, res).catch((err: unknown) =>
      json(res, 500, { error: { message: `mock fcm bug: ${(err as Error).message}` } }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const account = options.account ?? serviceAccount(`${origin}/token`);
  const sendPath = `/v1/projects/${account.json.project_id}/messages:send`;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = (await readBody(req))?.toString("utf8");
    if (req.method === "POST" && req.url === new URL(account.json.token_uri).pathname) {
      const grant = checkGrant(req.headers["content-type"], body ?? "", {
        ...account.json,
        publicKey: account.publicKey,
      });
      if (!grant.ok) return json(res, 400, { error: grant.error, error_description: grant.description });
      grants.push(grant.claims);
      const accessToken = `ya29.mock-${randomBytes(24).toString("base64url")}`;
      accessTokens.add(accessToken);
      return json(res, 200, { access_token: accessToken, expires_in: 3599, token_type: "Bearer" });
    }
    const parsed = parseJson(body ?? "");
    const token = (parsed as { message?: { token?: unknown } } | undefined)?.message?.token;
    const refuse = (status: number, code: string, message: string, headers?: Record<string, string>) => {
      attempts.push({
        token: typeof token === "string" ? token : undefined,
        status,
        reason: `${code}: ${message}`,
        at: Date.now(),
      });
      fcmError(res, status, code, message, headers);
    };
    if (req.method !== "POST" || req.url !== sendPath)
      return refuse(
        404,
        "NOT_FOUND",
        `no such method ${req.method} ${req.url} (project ${account.json.project_id})`,
      );
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer || !accessTokens.has(bearer))
      return refuse(
        401,
        "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token",
      );
    if (!/^application\/json\b/.test(req.headers["content-type"] ?? ""))
      return refuse(400, "INVALID_ARGUMENT", "content-type must be application/json");
    const message = checkMessage(parsed);
    if (typeof message === "string") return refuse(400, "INVALID_ARGUMENT", message);
    const device = tokens.get(message.token);
    if (!device) {
      attempts.push({
        token: message.token,
        status: 400,
        reason: "not a registration token",
        at: Date.now(),
      });
      return json(res, 400, {
        error: {
          code: 400,
          message: "The registration token is not a valid FCM registration token",
          status: "INVALID_ARGUMENT",
          details: [
            { "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode: "INVALID_ARGUMENT" },
          ],
        },
      });
    }
    if (device.unregistered) return refuse(404, "UNREGISTERED", "Requested entity was not found.");
    const next = device.script.shift();
    // A scripted 200 is an ordinary delivery (so a script can say "one push, then gone").
    if (next !== undefined && next !== 200) {
      const { status, retryAfter } =
        typeof next === "number" ? { status: next, retryAfter: undefined } : next;
      if (status === 404) device.unregistered = true;
      if (status === 401) accessTokens.delete(bearer);
      return refuse(
        status,
        STATUS_CODES[status] ?? "UNKNOWN",
        "scripted response",
        retryAfter === undefined ? {} : { "retry-after": String(retryAfter) },
      );
    }
    deliveries.push({ token: message.token, message, accessToken: bearer, receivedAt: Date.now() });
    attempts.push({ token: message.token, status: 200, at: Date.now() });
    json(res, 200, {
      name: `projects/${account.json.project_id}/messages/${randomBytes(8).toString("hex")}`,
    });
  }

  const filter = <T extends { token?: string }>(list: T[], token?: string) =>
    token === undefined ? [...list] : list.filter((x) => x.token === token);
  return {
    origin,
    serviceAccount: account.json,
    newToken() {
      const token = `${randomBytes(16).toString("base64url")}:APA91b${randomBytes(100).toString("base64url")}`;
      tokens.set(token, { script: [], unregistered: false });
      return token;
    },
    script: (token, responses) => void tokens.get(token)!.script.push(...responses),
    unregister: (token) => void (tokens.get(token)!.unregistered = true),
    revokeAccessTokens: () => accessTokens.clear(),
    deliveries: (token) => filter(deliveries, token),
    attempts: (token) => filter(attempts, token),
    grants: () => [...grants],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A mock Expo push service (POST /--/api/v2/push/send) on loopback, as strict as Expo's: JSON only, a message or
// an array of them, `to` an Expo push token it issued, known fields with their types; one ticket per message,
// `DeviceNotRegistered` for a token whose app was removed.
//   const expo = await startMockExpo();  const token = expo.newToken();  expo.unregister(token);  expo.deliveries(token)
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { json, parseJson, readBody, type Scripted } from "../mock-native/http.js";

const FIELDS: Record<string, (v: unknown) => boolean> = {
  to: (v) => typeof v === "string",
  title: (v) => typeof v === "string",
  body: (v) => typeof v === "string",
  data: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  ttl: (v) => Number.isInteger(v) && (v as number) >= 0,
  priority: (v) => v === "default" || v === "normal" || v === "high",
  sound: (v) => v === null || v === "default",
  channelId: (v) => typeof v === "string",
};
const MAX_BYTES = 4096;

export interface ExpoDelivery {
  token: string;
  message: Record<string, unknown>;
  receivedAt: number;
}

export interface MockExpo {
  origin: string;
  newToken(): string;
  script(token: string, responses: Scripted[]): void;
  unregister(token: string): void;
  deliveries(token?: string): ExpoDelivery[];
  attempts(token?: string): { token: string; status: number; ticket?: string; at: number }[];
  close(): Promise<void>;
}

export async function startMockExpo(): Promise<MockExpo> {
  const devices = new Map<string, { script: Scripted[]; unregistered: boolean }>();
  const deliveries: ExpoDelivery[] = [];
  const attempts: ReturnType<MockExpo["attempts"]> = [];
  const validationError = (res: ServerResponse, message: string) =>
    json(res, 400, { errors: [{ code: "VALIDATION_ERROR", message }] });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "POST" || req.url !== "/--/api/v2/push/send")
      return json(res, 404, { errors: [{ code: "NOT_FOUND", message: "not found" }] });
    if (!/^application\/json\b/.test(req.headers["content-type"] ?? ""))
      return validationError(res, "content-type must be application/json");
    const parsed = parseJson((await readBody(req))?.toString("utf8") ?? "");
    const messages = Array.isArray(parsed) ? parsed : [parsed];
    for (const m of messages) {
      if (typeof m !== "object" || m === null) return validationError(res, "each message is an object");
      const bad = Object.entries(m).find(([k, v]) => !FIELDS[k]?.(v));
      if (bad) return validationError(res, `"${bad[0]}" is not allowed or has the wrong type`);
      if (!/^Expo(nent)?PushToken\[[^\]]+\]$/.test(String((m as { to?: unknown }).to)))
        return validationError(res, `"to" must be an Expo push token`);
      if (Buffer.byteLength(JSON.stringify(m)) > MAX_BYTES)
        return validationError(res, "message over 4096 bytes");
    }
    const tickets = [];
    for (const m of messages as Record<string, unknown>[]) {
      const token = m.to as string;
      const device = devices.get(token);
      const next = device?.script.shift();
      if (next !== undefined) {
        const { status, retryAfter } =
          typeof next === "number" ? { status: next, retryAfter: undefined } : next;
        attempts.push({ token, status, at: Date.now() });
        return json(
          res,
          status,
          { errors: [{ code: "SCRIPTED", message: "scripted response" }] },
          retryAfter === undefined ? {} : { "retry-after": String(retryAfter) },
        );
      }
      if (!device || device.unregistered) {
        attempts.push({ token, status: 200, ticket: "DeviceNotRegistered", at: Date.now() });
        tickets.push({
          status: "error",
          message: `"${token}" is not a registered push notification recipient`,
          details: { error: "DeviceNotRegistered", expoPushToken: token },
        });
        continue;
      }
      deliveries.push({ token, message: m, receivedAt: Date.now() });
      attempts.push({ token, status: 200, ticket: "ok", at: Date.now() });
      tickets.push({ status: "ok", id: randomUUID() });
    }
    json(res, 200, { data: Array.isArray(parsed) ? tickets : tickets[0] });
  }

  const server = createServer((req, res) =>
    handle(req, res).catch((err: unknown) =>
      json(res, 500, { errors: [{ code: "INTERNAL", message: String(err) }] }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const filter = <T extends { token: string }>(list: T[], token?: string) =>
    token === undefined ? [...list] : list.filter((x) => x.token === token);
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    newToken() {
      const token = `ExponentPushToken[${randomBytes(16).toString("base64url")}]`;
      devices.set(token, { script: [], unregistered: false });
      return token;
    },
    script: (token, responses) => void devices.get(token)!.script.push(...responses),
    unregister: (token) => void (devices.get(token)!.unregistered = true),
    deliveries: (token) => filter(deliveries, token),
    attempts: (token) => filter(attempts, token),
    close: () =>
      new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

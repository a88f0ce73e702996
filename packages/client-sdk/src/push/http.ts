import { answerOf } from "../client/http.js";
import { fetchOf } from "../options/index.js";

/** Where Buzz is, and optionally the fetch to reach it with (default `globalThis.fetch`). */
export interface BuzzServer {
  baseUrl: string;
  fetch?: typeof fetch;
}

/** A registered device: what `createDevice` returns. Plain JSON, so an app can keep it in storage as it is. */
export interface Device {
  baseUrl: string;
  device_id: string;
  /** The bearer token of the device endpoints. The server shows it once, at registration. */
  token: string;
}

/** What the device calls need: the server and the device's token (a `Device`, or `{ baseUrl, token }`). */
export interface DeviceAuth extends BuzzServer {
  token: string;
}

/**
 * One JSON call to Buzz. Answers the parsed body (null for 204); a non-2xx is a `BuzzHttpError` carrying the
 * contract's error code, like the core client's reads.
 */
export async function call<T>(
  server: BuzzServer & { token?: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  if (!server?.baseUrl) throw new TypeError("@buzz/client-sdk/push: baseUrl is required");
  const f = fetchOf(server);
  if (!f) throw new Error("@buzz/client-sdk/push: no fetch in this runtime; pass fetch");
  const headers: Record<string, string> = {};
  if (server.token) headers.Authorization = `Bearer ${server.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await f(server.baseUrl.replace(/\/+$/, "") + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null as T;
  return answerOf(res, `HTTP ${res.status} on ${method} ${path}`);
}

import type { AppType } from "@buzz/api-types";
import type { ErrorBody } from "@buzz/schema/contract";
import { hc } from "hono/client";

/**
 * What an admin call came back with. `not-landed` is a 404 for the route itself (code `not_found`): the server
 * has no such endpoint yet, which pages say plainly instead of showing invented numbers.
 */
export type OpsResult<T> =
  | { kind: "ok"; status: number; data: T }
  | { kind: "not-landed" }
  | { kind: "unauthorized"; message: string }
  | { kind: "error"; status: number; message: string };

/**
 * The gateway's admin routes through Hono's client, typed by the gateway's own app (@buzz/api-types): paths,
 * params and each route's JSON. The gateway serves this page, so the paths are relative.
 */
export const opsApi = (token: string) =>
  hc<AppType>("", { headers: { Accept: "application/json", Authorization: `Bearer ${token}` } }).v1.ops;

/** What a typed call answers: its JSON when `ok`, else the contract's error body. */
interface TypedResponse<T> {
  ok: boolean;
  status: number;
  json(): Promise<T>;
}

/** An admin call (`opsApi(token)…$get()`) as an OpsResult, typed by the route. Never throws. */
export async function opsCall<T>(call: () => Promise<TypedResponse<T>>): Promise<OpsResult<T>> {
  let res: TypedResponse<T>;
  try {
    res = await call();
  } catch (err) {
    return {
      kind: "error",
      status: 0,
      message: `network error: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (res.ok) return { kind: "ok", status: res.status, data: parsed as T };
  const error = (parsed as ErrorBody | null)?.error;
  if (res.status === 404 && error?.code === "not_found") return { kind: "not-landed" };
  const message = error?.message ?? `HTTP ${res.status}`;
  if (res.status === 401) return { kind: "unauthorized", message };
  return { kind: "error", status: res.status, message };
}

/** A path parameter as Hono's client needs it (it puts the value in the path as it is). */
export const param = (id: string) => ({ param: { id: encodeURIComponent(id) } });

import type { ErrorBody } from "@buzz/schema";

/**
 * What an admin call came back with. `not-landed` is a 404 for the route itself (code `not_found`): the server
 * has no such endpoint yet, which pages say plainly instead of showing invented numbers.
 */
export type OpsResult<T> =
  | { kind: "ok"; status: number; data: T }
  | { kind: "not-landed" }
  | { kind: "unauthorized"; message: string }
  | { kind: "error"; status: number; message: string };

/** An admin request: `Authorization: Bearer <token>`, JSON both ways. Never throws. */
export async function opsRequest<T>(token: string, method: string, path: string, body?: unknown): Promise<OpsResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        Accept: "application/json",
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    return { kind: "error", status: 0, message: `network error: ${err instanceof Error ? err.message : String(err)}` };
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (res.ok) return { kind: "ok", status: res.status, data: parsed as T };
  const error = (parsed as ErrorBody | null)?.error;
  if (res.status === 404 && error?.code === "not_found") return { kind: "not-landed" };
  const message = error?.message ?? `HTTP ${res.status}`;
  if (res.status === 401) return { kind: "unauthorized", message };
  return { kind: "error", status: res.status, message };
}

export const matchPath = (matchId: string) => `/v1/ops/matches/${encodeURIComponent(matchId)}`;

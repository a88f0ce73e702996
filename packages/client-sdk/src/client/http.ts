import { type Config, fetchOf } from "../options/index.js";

/** A non-2xx answer, with the contract's error code (`{"error": {"code", "message"}}`). */
export class BuzzHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "BuzzHttpError";
  }
}

/**
 * The parsed JSON body of an answer (null if it has none). A non-2xx throws a `BuzzHttpError` with the contract's
 * code and message (`{"error": {"code", "message"}}`), or `http_error` and `fallback` when the body says nothing.
 */
export async function answerOf<T>(res: Response, fallback = `HTTP ${res.status}`): Promise<T> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new BuzzHttpError(res.status, error?.code ?? "http_error", error?.message ?? fallback);
  }
  return body as T;
}

export async function getJson<T>(cfg: Config, path: string): Promise<T> {
  const f = fetchOf(cfg);
  if (!f) throw new Error("@buzz/client-sdk: no fetch in this runtime; pass options.fetch");
  return answerOf(await f(cfg.baseUrl + path));
}

/**
 * The server refused a live feed for good: 404 (no such match), 401 or 403. The feed stops retrying, its status
 * becomes `failed` and its snapshot's `error` is this. Retrying cannot help; opening the feed again (a new
 * `client.match(id)`) starts afresh, e.g. once the match exists.
 */
export class BuzzFatalError extends BuzzHttpError {
  constructor(status: number, code: string, message: string) {
    super(status, code, message);
    this.name = "BuzzFatalError";
  }
}

/** A match's resource path: `/v1/matches/{id}`, the base of its reads and of its live socket. */
export const matchPath = (id: string) => `/v1/matches/${encodeURIComponent(id)}`;

/** The answers that mean a feed will never open, however often it is retried. */
export const isFatalStatus = (status: number) => status === 401 || status === 403 || status === 404;

const CODE_OF: Record<number, string> = { 401: "unauthorized", 403: "forbidden", 404: "not_found" };

/** A fatal error from a status alone (when only the socket's refusal is known, not the contract's body). */
export const fatalOf = (status: number, what: string) =>
  new BuzzFatalError(status, CODE_OF[status] ?? "http_error", `${what}: HTTP ${status}`);

/**
 * Asks over plain HTTP whether a feed can ever open: a browser's WebSocket hides why an upgrade was refused, so
 * this is the only way a page learns of a 404. A fatal answer becomes a `BuzzFatalError` with the contract's code;
 * anything else (a network error, 5xx, the 426 a WebSocket route gives a plain GET) is null: keep retrying.
 */
export async function probe(cfg: Config, path: string): Promise<BuzzFatalError | null> {
  try {
    await getJson(cfg, path);
    return null;
  } catch (err) {
    if (!(err instanceof BuzzHttpError) || !isFatalStatus(err.status)) return null;
    return new BuzzFatalError(err.status, err.code, err.message);
  }
}

import { fetchOf, type Config } from "../options/index.js";

/** A non-2xx answer, with the contract's error code (`{"error": {"code", "message"}}`). */
export class BuzzHttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = "BuzzHttpError";
  }
}

export async function getJson<T>(cfg: Config, path: string): Promise<T> {
  const f = fetchOf(cfg);
  if (!f) throw new Error("@buzz/client-sdk: no fetch in this runtime; pass options.fetch");
  const res = await f(cfg.baseUrl + path, { headers: cfg.token ? { Authorization: `Bearer ${cfg.token}` } : {} });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new BuzzHttpError(res.status, error?.code ?? "http_error", error?.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}

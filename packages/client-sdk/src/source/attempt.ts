import type { ErrorBody, IngestResponse, IngestResult } from "@buzz/schema/contract";
import { isRetryableStatus, parseRetryAfter } from "./retry.js";
import { signRequest } from "./sign.js";
import type { WalEntry } from "./wal.js";

export type Outcome =
  | { kind: "ack"; results: IngestResult[] }
  | { kind: "rejected"; status: number; error: ErrorBody }
  | { kind: "retry"; retryAfterMs: number | null; reason: string };

export interface AttemptContext {
  baseUrl: string;
  keyId: string;
  secret: string;
  timeoutMs: number;
  fetch: typeof fetch;
  /** Aborts the request when the client closes. */
  stop: AbortSignal;
}

/** One POST of a logged entry, classified: acked, rejected for good, or worth another try. */
export async function attemptDelivery(ctx: AttemptContext, entry: WalEntry): Promise<Outcome> {
  // Signed afresh on every attempt: after a long outage the first timestamp would be outside the 300 s window.
  const body = JSON.stringify(entry.body);
  const url = `${ctx.baseUrl.replace(/\/+$/, "")}/v1/matches/${encodeURIComponent(entry.matchId)}/events`;
  const path = new URL(url).pathname;
  const headers = signRequest({ keyId: ctx.keyId, secret: ctx.secret, method: "POST", path, body });
  const signal = AbortSignal.any([ctx.stop, AbortSignal.timeout(ctx.timeoutMs)]);
  try {
    const res = await ctx.fetch(url, { method: "POST", headers, body, signal });
    if (res.ok) return { kind: "ack", results: ((await res.json()) as IngestResponse).results };
    if (isRetryableStatus(res.status)) {
      await res.body?.cancel();
      return {
        kind: "retry",
        retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
        reason: `HTTP ${res.status}`,
      };
    }
    return { kind: "rejected", status: res.status, error: await readErrorBody(res) };
  } catch (err) {
    // Network errors, timeouts and an unreadable 2xx body alike: the gateway deduplicates a resend.
    return { kind: "retry", retryAfterMs: null, reason: err instanceof Error ? err.message : String(err) };
  }
}

async function readErrorBody(res: Response): Promise<ErrorBody> {
  const text = await res.text();
  try {
    const parsed = JSON.parse(text) as Partial<ErrorBody>;
    if (parsed.error && typeof parsed.error.code === "string") return parsed as ErrorBody;
  } catch {
    // not the contract's JSON: described below from the raw text
  }
  return { error: { code: `http_${res.status}`, message: text.slice(0, 500) || res.statusText } };
}

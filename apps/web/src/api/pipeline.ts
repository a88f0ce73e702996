import { matchPath, opsRequest, type OpsResult } from "./ops.js";

/** The pipeline's source queues, as `GET /v1/ops/dead-letters?queue=` takes them. */
export const SOURCE_QUEUES = ["match-events", "match-events-enriched", "notifications", "webhook-deliveries"] as const;
export const DEAD_LETTER_STATES = ["dead", "redriven"] as const;

/** One entry of `GET /v1/ops/dead-letters` (the fields this page reads; the gateway's DeadLetterView has more). */
export interface DeadLetter {
  id: string;
  /** The dead-letter queue it arrived on. */
  queue: string;
  /** The queue it died on, where a redrive sends it. */
  source_queue: string;
  event_id: string | null;
  reason: string | null;
  attempts: number | null;
  state: (typeof DEAD_LETTER_STATES)[number];
  first_seen_at: string;
  redriven_at: string | null;
}

export interface DeadLetterFilter {
  queue?: string;
  state?: string;
}

export async function listDeadLetters(token: string, filter: DeadLetterFilter): Promise<OpsResult<DeadLetter[]>> {
  const query = new URLSearchParams();
  if (filter.queue) query.set("queue", filter.queue);
  if (filter.state) query.set("state", filter.state);
  const qs = query.toString();
  const res = await opsRequest<{ dead_letters: DeadLetter[] }>(token, "GET", `/v1/ops/dead-letters${qs ? `?${qs}` : ""}`);
  return res.kind === "ok" ? { ...res, data: res.data.dead_letters } : res;
}

/** 202 sent back to its source queue; 409 already redriven, 404 unknown, 503 the send failed (it stays dead). */
export const redriveDeadLetter = (token: string, id: string) =>
  opsRequest<{ id: string; source_queue: string; state: "redriven"; redriven_at: string }>(
    token,
    "POST",
    `/v1/ops/dead-letters/${encodeURIComponent(id)}/redrive`,
  );

/** `POST /v1/ops/matches/{id}/replay`: the match's whole log goes through the pipeline again. */
export const replayThroughPipeline = (token: string, matchId: string) =>
  opsRequest<{ events: number }>(token, "POST", `${matchPath(matchId)}/replay`);

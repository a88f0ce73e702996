import type { DeadLetterView } from "@buzz/schema/contract";
import { type OpsResult, opsApi, opsCall, param } from "./ops.js";

export interface DeadLetterFilter {
  queue?: string;
  state?: string;
}

export async function listDeadLetters(
  token: string,
  filter: DeadLetterFilter,
): Promise<OpsResult<DeadLetterView[]>> {
  const query = { queue: filter.queue || undefined, state: filter.state || undefined };
  const res = await opsCall(() => opsApi(token)["dead-letters"].$get({ query }));
  return res.kind === "ok" ? { ...res, data: res.data.dead_letters } : res;
}

/** 202 sent back to its source queue; 409 already redriven, 404 unknown, 503 the send failed (it stays dead). */
export const redriveDeadLetter = (token: string, id: string) =>
  opsCall(() => opsApi(token)["dead-letters"][":id"].redrive.$post(param(id)));

/** `POST /v1/ops/matches/{id}/replay`: the match's whole log goes through the pipeline again. */
export const replayThroughPipeline = (token: string, matchId: string) =>
  opsCall(() => opsApi(token).matches[":id"].replay.$post(param(matchId)));

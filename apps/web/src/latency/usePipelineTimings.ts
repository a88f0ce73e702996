import type { EventTimings } from "@buzz/schema/contract";
import { type OpsResult, opsApi, opsCall, param } from "../api/ops.js";
import { usePolled } from "../api/query.js";

const REFRESH_MS = 2000;

/** `GET /v1/ops/matches/{id}/latency` (admin), refreshed; null without a token. */
export function usePipelineTimings(
  matchId: string,
  token: string | null,
): OpsResult<Map<string, EventTimings>> | null | undefined {
  const res = usePolled(
    ["ops-latency", matchId, token],
    async () => {
      const res = await opsCall(() => opsApi(token!).matches[":id"].latency.$get(param(matchId)));
      return res.kind === "ok" ? { ...res, data: new Map(res.data.events.map((t) => [t.event_id, t])) } : res;
    },
    REFRESH_MS,
    token !== null,
  );
  return token === null ? null : res;
}

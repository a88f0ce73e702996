import type { EventTimings } from "@buzz/schema";
import { useCallback } from "react";
import { matchPath, opsRequest, type OpsResult } from "../api/ops.js";
import { usePolling } from "../api/usePolling.js";

const REFRESH_MS = 2000;

/** `GET /v1/ops/matches/{id}/latency` (admin), refreshed; null without a token. */
export function usePipelineTimings(matchId: string, token: string | null): OpsResult<Map<string, EventTimings>> | null | undefined {
  const load = useCallback(async () => {
    if (!token) return null;
    const res = await opsRequest<{ events: EventTimings[] }>(token, "GET", `${matchPath(matchId)}/latency`);
    return res.kind === "ok" ? { ...res, data: new Map(res.data.events.map((t) => [t.event_id, t])) } : res;
  }, [matchId, token]);
  return usePolling(load, REFRESH_MS);
}

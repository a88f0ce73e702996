import { useBuzzClient } from "@buzz/client-sdk/react";
import { useEffect, useSyncExternalStore } from "react";

/**
 * When each event reached this page over the live feed (event_id → epoch ms, this browser's clock). Kept for the
 * whole page session, so the waterfall can show events that arrived while the match centre was open.
 */
const shownAt = new Map<string, number>();
let version = 0;
const listeners = new Set<() => void>();

export function recordShown(eventId: string, at: number) {
  if (shownAt.has(eventId)) return;
  shownAt.set(eventId, at);
  version++;
  listeners.forEach((l) => {
    l();
  });
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/**
 * Records the arrival of every live event of `matchId` while mounted. The SDK hands an event to its listeners
 * before it emits the new state, so the time is taken before React renders it.
 */
export function useShownAt(matchId: string): ReadonlyMap<string, number> {
  const client = useBuzzClient();
  useEffect(() => {
    const handle = client.match(matchId);
    const off = handle.on("event", (e) => recordShown(e.event_id, Date.now()));
    return () => {
      off();
      handle.close();
    };
  }, [client, matchId]);
  useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );
  return shownAt;
}

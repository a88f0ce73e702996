import type { Status } from "@buzz/client-sdk";
import { useBuzzClient, useMatch } from "@buzz/client-sdk/react";
import type { MatchState, PublishedEvent } from "@buzz/schema/contract";
import { useEffect, useMemo, useRef, useState } from "react";
import { contiguousUpTo, mergeEvents } from "./log.js";

export interface MatchLog {
  state: MatchState | null;
  status: Status;
  /** How many watch the match live (the server's presence messages); null until the first. */
  watching: number | null;
  /** Every event this page knows of, in sequence order: the history read over HTTP, then the live ones. */
  events: PublishedEvent[];
  historyError: string | undefined;
  /** Why the live feed cannot follow the match (e.g. it does not exist), until a state arrives. */
  liveError: string | undefined;
}

/**
 * History is read in pages that start at multiples of PAGE: a full page never changes, so the gateway has it cached
 * at the edge (Cache-Control immutable). The last page is asked `until` the live state's last sequence: it then
 * never changes either, and the dashboards that open on the same state share it instead of each asking the match's
 * room. 100 is the API's default limit: SDK users reading aligned pages with the default share those cache entries.
 */
const PAGE = 100;
const RETRY_MS = 3000;

/**
 * The live match from the SDK, plus its log from before the page opened (`GET /v1/matches/{id}/events`). Any hole
 * between what is known and the state's last sequence (the first load, or the SDK's bounded event window) is read
 * again from the log, so the timeline, shot map and chart always cover the whole match.
 */
export function useMatchLog(matchId: string): MatchLog {
  const client = useBuzzClient();
  const live = useMatch(matchId);
  const [known, setKnown] = useState<PublishedEvent[]>([]);
  const [historyError, setHistoryError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [liveError, setLiveError] = useState<string>();

  useEffect(() => {
    const handle = client.match(matchId);
    let stopped = false;
    // A socket error says little ("WebSocket error"); the HTTP read says whether the match exists at all.
    const off = handle.on("error", () => {
      client.getMatch(matchId).then(
        () => !stopped && setLiveError(undefined),
        (err: unknown) => !stopped && setLiveError(err instanceof Error ? err.message : String(err)),
      );
    });
    return () => {
      stopped = true;
      off();
      handle.close();
    };
  }, [client, matchId]);

  useEffect(() => setKnown((k) => mergeEvents(k, live.events)), [live.events]);

  const events = useMemo(() => mergeEvents(known, live.events), [known, live.events]);
  const upTo = contiguousUpTo(events);
  const last = live.state?.last_sequence ?? 0;

  const hole = last > upTo;
  // Read when a page is asked, not a reason to ask again: a page in flight still fills the hole it was asked for.
  const lastRef = useRef(last);
  useEffect(() => {
    lastRef.current = last;
  }, [last]);

  // One page per run: the page moves `upTo`, which runs this again until the hole is filled.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger, bumped after a failed page.
  useEffect(() => {
    if (!hole) return;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    client.getEvents(matchId, { after: upTo - (upTo % PAGE), limit: PAGE, until: lastRef.current }).then(
      (page) => {
        if (stopped) return;
        setHistoryError(undefined);
        setKnown((k) => mergeEvents(k, page.events));
      },
      (err: unknown) => {
        if (stopped) return;
        setHistoryError(err instanceof Error ? err.message : String(err));
        retry = setTimeout(() => setAttempt((a) => a + 1), RETRY_MS);
      },
    );
    return () => {
      stopped = true;
      clearTimeout(retry);
    };
  }, [client, matchId, upTo, hole, attempt]);

  return {
    state: live.state,
    status: live.status,
    watching: live.watching,
    events,
    historyError,
    liveError: live.state ? undefined : liveError,
  };
}

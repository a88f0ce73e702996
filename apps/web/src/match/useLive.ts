import { useEffect, useState } from "react";
import { liveUrl, type LiveServerMessage, type MatchState, type PublishedEvent } from "../api/index.js";

export type Connection = "connecting" | "live" | "reconnecting";

export interface Live {
  snapshot: MatchState | undefined;
  /** Events received since the snapshot, in sequence order, each once. */
  events: PublishedEvent[];
  connection: Connection;
}

const MAX_RETRY_MS = 10_000;

/**
 * `WS /v1/matches/{id}/live`: a snapshot first, then every event. After a drop it reconnects with
 * `after=<last sequence seen>`, so the feed resumes without a gap; anything already seen is dropped.
 */
export function useLive(matchId: string): Live {
  const [live, setLive] = useState<Live>({ snapshot: undefined, events: [], connection: "connecting" });

  useEffect(() => {
    let socket: WebSocket | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastSeen: number | undefined;
    let retryMs = 500;
    let closed = false;
    setLive({ snapshot: undefined, events: [], connection: "connecting" });

    const onMessage = (raw: MessageEvent) => {
      const msg = JSON.parse(String(raw.data)) as LiveServerMessage;
      if (msg.type === "snapshot") {
        lastSeen = msg.sequence_number;
        setLive({ snapshot: msg.state, events: [], connection: "live" });
      } else if (msg.type === "event" && (lastSeen === undefined || msg.event.sequence_number > lastSeen)) {
        lastSeen = msg.event.sequence_number;
        setLive((l) => ({ ...l, events: [...l.events, msg.event], connection: "live" }));
      }
    };
    const connect = () => {
      socket = new WebSocket(liveUrl(matchId, lastSeen));
      socket.onopen = () => {
        retryMs = 500;
        setLive((l) => ({ ...l, connection: "live" }));
      };
      socket.onmessage = onMessage;
      socket.onclose = () => {
        if (closed) return;
        setLive((l) => ({ ...l, connection: "reconnecting" }));
        timer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [matchId]);

  return live;
}

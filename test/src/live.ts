import { createParser, type EventSourceMessage } from "eventsource-parser";
import WebSocket from "ws";
import { baseUrl } from "./http.js";

/**
 * Collects every message of one connection and lets a test wait for a condition on what has
 * arrived so far. Failing waits name what was received, so a broken stream is easy to read.
 */
class Inbox<T> {
  readonly received: T[] = [];
  /** When each message arrived (ms), by index. */
  readonly arrivedAt: number[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  closed: string | null = null;

  push(item: T) {
    this.received.push(item);
    this.arrivedAt.push(Date.now());
    this.wake();
  }
  close(why: string) {
    this.closed = why;
    this.wake();
  }
  /** Resolves once `done(received)` holds; rejects on timeout. */
  until(done: (received: T[]) => boolean, what: string, timeoutMs = 30_000): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `timed out waiting for ${what}; got ${this.received.length} messages${this.closed ? `, closed: ${this.closed}` : ""}`,
          ),
        );
      }, timeoutMs);
      const waiter = {
        check: () => done(this.received),
        resolve: () => (clearTimeout(timer), resolve(this.received)),
      };
      this.waiters.push(waiter);
      this.wake();
    });
  }
  private wake() {
    const ready = this.waiters.filter((w) => w.check());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    ready.forEach((w) => {
      w.resolve();
    });
  }
}

export interface LiveSocket {
  inbox: Inbox<any>;
  send(message: unknown): void;
  /** Drops the TCP connection without a close handshake, like a phone losing signal. */
  drop(): void;
  close(): Promise<void>;
}

/** WebSocket to GET /v1/matches/{id}/live[?after=N]; resolves once open. */
export function openLive(matchId: string, after?: number): Promise<LiveSocket> {
  return openSocket(
    `/v1/matches/${encodeURIComponent(matchId)}/live${after === undefined ? "" : `?after=${after}`}`,
  );
}

/** WebSocket to GET /v1/live?matches=ID:AFTER,... (AFTER null for a snapshot); resolves once open. */
export function openMultiLive(matches: [string, number | null][]): Promise<LiveSocket> {
  return openSocket(
    `/v1/live?matches=${matches.map(([id, after]) => `${encodeURIComponent(id)}:${after ?? ""}`).join(",")}`,
  );
}

/** WebSocket to GET /v1/live/matches (the live list); resolves once open. */
export function openLiveList(): Promise<LiveSocket> {
  return openSocket("/v1/live/matches");
}

function openSocket(path: string): Promise<LiveSocket> {
  const url = `${baseUrl().replace(/^http/, "ws")}${path}`;
  const ws = new WebSocket(url);
  const inbox = new Inbox<any>();
  ws.on("message", (data) => inbox.push(JSON.parse(String(data))));
  ws.on("close", (code, reason) => inbox.close(`${code} ${reason}`));
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) =>
      reject(new Error(`live upgrade refused: HTTP ${res.statusCode}`)),
    );
    ws.once("open", () =>
      resolve({
        inbox,
        send: (message) => ws.send(JSON.stringify(message)),
        drop: () => ws.terminate(),
        close: () =>
          new Promise((done) =>
            ws.readyState === WebSocket.CLOSED ? done() : (ws.once("close", () => done()), ws.close()),
          ),
      }),
    );
  });
}

export interface SseStream {
  inbox: Inbox<EventSourceMessage>;
  /** Aborts the request, as a dropped connection would. */
  drop(): void;
}

/** GET /v1/matches/{id}/stream, optionally resuming with Last-Event-ID; resolves once the headers are in. */
export async function openStream(matchId: string, lastEventId?: string): Promise<SseStream> {
  const abort = new AbortController();
  const headers: Record<string, string> = { Accept: "text/event-stream" };
  if (lastEventId !== undefined) headers["Last-Event-ID"] = lastEventId;
  const res = await fetch(`${baseUrl()}/v1/matches/${encodeURIComponent(matchId)}/stream`, {
    headers,
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`stream: HTTP ${res.status} ${await res.text()}`);
  if (!res.headers.get("content-type")?.startsWith("text/event-stream"))
    throw new Error(`stream content-type ${res.headers.get("content-type")}`);
  const inbox = new Inbox<EventSourceMessage>();
  const parser = createParser({ onEvent: (message) => inbox.push(message) });
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body!) parser.feed(decoder.decode(chunk, { stream: true }));
      inbox.close("ended");
    } catch (err) {
      inbox.close(err instanceof Error ? err.name : String(err));
    }
  })();
  return { inbox, drop: () => abort.abort() };
}

import type { LiveServerMessage, MatchState, PublishedEvent } from "@buzz/schema";

const encoder = new TextEncoder();
const KEEPALIVE_MS = 15_000;
/** How much of the log one resume reads at a time, so a client far behind does not load the whole match at once. */
const BACKLOG_PAGE = 500;

type Backlog = (after: number, limit: number) => Iterable<PublishedEvent>;

/** What a client is owed on connect: a snapshot when it has nothing, else every event after what it saw. */
function* opening(after: number | null, state: MatchState, backlog: Backlog): Generator<{ id: number; msg: LiveServerMessage }> {
  // A client claiming to be ahead of the log (e.g. it saw another deployment) starts over from a snapshot.
  if (after === null || after > state.last_sequence) {
    yield { id: state.last_sequence, msg: { type: "snapshot", sequence_number: state.last_sequence, state } };
    return;
  }
  for (let from = after; from < state.last_sequence; ) {
    let n = 0;
    for (const event of backlog(from, BACKLOG_PAGE)) {
      yield { id: event.sequence_number, msg: { type: "event", event } };
      from = event.sequence_number;
      n++;
    }
    if (n === 0) break;
  }
}

const sseFrame = (id: number, msg: LiveServerMessage) => encoder.encode(`id: ${id}\ndata: ${JSON.stringify(msg)}\n\n`);

/**
 * Live fan-out for one match. WebSockets use the Hibernation API, so an idle room costs nothing; SSE
 * streams are held in memory (they keep the room awake, which an open HTTP response does anyway).
 */
export class Fanout {
  private readonly sse = new Set<WritableStreamDefaultWriter<Uint8Array>>();
  private keepalive: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly ctx: DurableObjectState) {}

  openWebSocket(after: number | null, state: MatchState, backlog: Backlog): Response {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    for (const { msg } of opening(after, state, backlog)) server.send(JSON.stringify(msg));
    return new Response(null, { status: 101, webSocket: client });
  }

  openSse(after: number | null, state: MatchState, backlog: Backlog): Response {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    writer.write(encoder.encode("retry: 1000\n\n")).catch(() => this.drop(writer));
    for (const { id, msg } of opening(after, state, backlog)) writer.write(sseFrame(id, msg)).catch(() => this.drop(writer));
    this.sse.add(writer);
    this.keepalive ??= setInterval(() => this.writeAll(encoder.encode(": keep-alive\n\n")), KEEPALIVE_MS);
    return new Response(readable, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
    });
  }

  /** Sends events to every live client, in log order. Each message is serialised once, not once per socket. */
  broadcast(events: PublishedEvent[]) {
    const sockets = this.ctx.getWebSockets();
    for (const event of events) {
      const msg: LiveServerMessage = { type: "event", event };
      const text = JSON.stringify(msg);
      for (const ws of sockets) {
        try {
          ws.send(text);
        } catch {
          // A socket closing under us is gone; its client resumes with ?after= when it reconnects.
        }
      }
      if (this.sse.size) this.writeAll(sseFrame(event.sequence_number, msg));
    }
  }

  connections() {
    return { websockets: this.ctx.getWebSockets().length, sse: this.sse.size };
  }

  private writeAll(chunk: Uint8Array) {
    for (const w of this.sse) w.write(chunk).catch(() => this.drop(w));
  }

  private drop(writer: WritableStreamDefaultWriter<Uint8Array>) {
    this.sse.delete(writer);
    writer.abort().catch(() => {});
    if (this.sse.size === 0 && this.keepalive) {
      clearInterval(this.keepalive);
      this.keepalive = undefined;
    }
  }
}

import type { LiveServerMessage, MatchState, PublishedEvent } from "@buzz/schema/contract";
import type { ShardRelay } from "../live-shard/registry.js";
import { sendToAll } from "../ws/index.js";
import { Presence } from "./presence.js";

const encoder = new TextEncoder();
const KEEPALIVE_MS = 15_000;
/** How much of the log one resume reads at a time, so a client far behind does not load the whole match at once. */
const BACKLOG_PAGE = 500;

type Backlog = (after: number, limit: number) => Iterable<PublishedEvent>;

/**
 * Where a client connecting with `after` starts: a snapshot, or a resume from the log after `after`. A client
 * claiming to be ahead of the log (e.g. it saw another deployment) starts over from a snapshot. Rooms and fan-out
 * shards both open sockets this way.
 */
export function startOf(
  after: number | null,
  state: MatchState,
): { snapshot: LiveServerMessage } | { resumeAfter: number } {
  if (after !== null && after <= state.last_sequence) return { resumeAfter: after };
  return { snapshot: { type: "snapshot", sequence_number: state.last_sequence, state } };
}

/** What a client is owed on connect: a snapshot when it has nothing, else every event after what it saw. */
function* opening(
  after: number | null,
  state: MatchState,
  backlog: Backlog,
): Generator<{ id: number; msg: LiveServerMessage }> {
  const start = startOf(after, state);
  if ("snapshot" in start) {
    yield { id: state.last_sequence, msg: start.snapshot };
    return;
  }
  for (let from = start.resumeAfter; from < state.last_sequence; ) {
    let n = 0;
    for (const event of backlog(from, BACKLOG_PAGE)) {
      yield { id: event.sequence_number, msg: { type: "event", event } };
      from = event.sequence_number;
      n++;
    }
    if (n === 0) break;
  }
}

const sseFrame = (id: number, msg: LiveServerMessage) =>
  encoder.encode(`id: ${id}\ndata: ${JSON.stringify(msg)}\n\n`);

/**
 * Live fan-out for one match. WebSockets use the Hibernation API, so an idle room costs nothing; SSE
 * streams are held in memory (they keep the room awake, which an open HTTP response does anyway).
 */
export class Fanout {
  private readonly sse = new Set<WritableStreamDefaultWriter<Uint8Array>>();
  private keepalive: ReturnType<typeof setInterval> | undefined;
  /** Events durable and acknowledged but not yet sent to the live clients, in log order. */
  private pending: PublishedEvent[] = [];
  private drainTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly presence = new Presence(
    () => this.watching(),
    (watching) => this.sendPresence(watching),
  );

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly matchId: () => string,
    private readonly shards?: ShardRelay,
  ) {}

  /**
   * Clients holding a socket or a stream, here or on the match's fan-out shards; a socket closing (its close
   * handler runs) no longer counts.
   */
  watching(): number {
    let n = this.sse.size + (this.shards?.watching() ?? 0);
    for (const ws of this.ctx.getWebSockets()) if (ws.readyState === WebSocket.OPEN) n++;
    return n;
  }

  /** A socket closed or failed, or a shard's count changed. */
  left(): void {
    this.presence.changed();
  }

  private presenceText(watching = this.presence.last): string | null {
    if (watching === null) return null;
    const msg: LiveServerMessage = { type: "presence", match_id: this.matchId(), watching };
    return JSON.stringify(msg);
  }

  private sendPresence(watching: number) {
    const text = this.presenceText(watching)!;
    sendToAll(this.ctx.getWebSockets(), text);
    this.shards?.presence(text);
    // No id: line, so an SSE client's Last-Event-ID stays the last event's sequence number.
    if (this.sse.size) this.writeAll(encoder.encode(`data: ${text}\n\n`));
  }

  /**
   * Queues events for the live clients, in the same synchronous step that makes them the room's state: a client
   * joining from then on reads them in its opening and flushes the queue first (see flush), whatever the caller awaits.
   */
  enqueue(events: PublishedEvent[]) {
    this.pending.push(...events);
  }

  /**
   * Sends what is queued right after the current turn, so the source's 202 (the caller has awaited the storage sync)
   * leaves before a broadcast whose CPU grows with the sockets (426 ms for 10 000). One FIFO drained whole, in
   * order: a later batch is queued behind an earlier one and can never overtake it.
   */
  drainSoon() {
    if (this.pending.length) this.drainTimer ??= setTimeout(() => this.flush(), 0);
  }

  /**
   * Sends every pending event now. A client joining calls this first: its opening is read from the log up to the
   * current state, so the events still pending must reach the sockets already open before it joins, never it.
   * Without this, the joiner would get them twice (in its opening and from the queue).
   */
  flush() {
    if (this.drainTimer !== undefined) clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
    const events = this.pending;
    this.pending = [];
    if (!events.length) return;
    this.broadcast(events);
    // Once per shard, not once per socket: each shard sends the batch to its own sockets.
    this.shards?.events(events);
  }

  pendingCount = () => this.pending.length;

  openWebSocket(after: number | null, state: MatchState, backlog: Backlog): Response {
    this.flush();
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    for (const { msg } of opening(after, state, backlog)) server.send(JSON.stringify(msg));
    // A joiner starts from the last count the room sent (if the count nets out unchanged, no broadcast follows).
    const last = this.presenceText();
    if (last) server.send(last);
    this.presence.changed();
    return new Response(null, { status: 101, webSocket: client });
  }

  openSse(after: number | null, state: MatchState, backlog: Backlog): Response {
    this.flush();
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    writer.write(encoder.encode("retry: 1000\n\n")).catch(() => this.drop(writer));
    for (const { id, msg } of opening(after, state, backlog))
      writer.write(sseFrame(id, msg)).catch(() => this.drop(writer));
    const last = this.presenceText();
    if (last) writer.write(encoder.encode(`data: ${last}\n\n`)).catch(() => this.drop(writer));
    this.sse.add(writer);
    // The runtime cancels the body when the client goes: count it gone then, not at the next keep-alive.
    writer.closed.catch(() => this.drop(writer));
    this.presence.changed();
    this.keepalive ??= setInterval(() => this.writeAll(encoder.encode(": keep-alive\n\n")), KEEPALIVE_MS);
    return new Response(readable, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    });
  }

  /** Sends events to every live client, in log order. Each message is serialised once, not once per socket. */
  private broadcast(events: PublishedEvent[]) {
    const sockets = this.ctx.getWebSockets();
    for (const event of events) {
      const msg: LiveServerMessage = { type: "event", event };
      // A socket closing under us is gone; its client resumes with ?after= when it reconnects.
      sendToAll(sockets, JSON.stringify(msg));
      if (this.sse.size) this.writeAll(sseFrame(event.sequence_number, msg));
    }
  }

  connections() {
    return {
      websockets: this.ctx.getWebSockets().length + (this.shards?.watching() ?? 0),
      sse: this.sse.size,
    };
  }

  private writeAll(chunk: Uint8Array) {
    for (const w of this.sse) w.write(chunk).catch(() => this.drop(w));
  }

  private drop(writer: WritableStreamDefaultWriter<Uint8Array>) {
    if (!this.sse.delete(writer)) return;
    this.presence.changed();
    writer.abort().catch(() => {});
    if (this.sse.size === 0 && this.keepalive) {
      clearInterval(this.keepalive);
      this.keepalive = undefined;
    }
  }
}

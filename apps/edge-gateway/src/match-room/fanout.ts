import type { LiveServerMessage, MatchState, PublishedEvent } from "@buzz/schema/contract";
import type { ShardRelay } from "../live-shard/registry.js";
import { openSockets, sendToAll } from "../ws/index.js";
import { Presence } from "./presence.js";
import { SlicedBroadcast, type Started } from "./slices.js";
import { SseStreams } from "./sse.js";

/** How much of the log one resume reads at a time, so a client far behind does not load the whole match at once. */
const BACKLOG_PAGE = 500;
/**
 * Sockets written per turn of a broadcast: 100 sockets is a few ms of CPU, so the batch's 202 and the next ingest
 * wait at most that long for a broadcast. bench:fanout, same machine, one slice vs 100 a turn: with 10 000 sockets
 * the ack p50 94 ms vs 9 ms (the 1-socket ack is 16 ms) and the last socket 382 vs 333 ms; each turn costs some CPU,
 * so with 1 000 sockets the last socket is later, 54 vs 63 ms.
 */
const SOCKETS_PER_TURN = 100;

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

/** The opening as SSE wants it: each message with its id, serialised. */
function* openingTexts(
  after: number | null,
  state: MatchState,
  backlog: Backlog,
): Generator<{ id: number; text: string }> {
  for (const { id, msg } of opening(after, state, backlog)) yield { id, text: JSON.stringify(msg) };
}

/**
 * Live fan-out for one match. WebSockets use the Hibernation API, so an idle room costs nothing; SSE
 * streams are held in memory (they keep the room awake, which an open HTTP response does anyway).
 */
export class Fanout {
  private readonly sse = new SseStreams(() => this.presence.changed());
  /** Events durable and acknowledged but not yet sent to every live client, in log order. */
  private readonly out = new SlicedBroadcast<PublishedEvent, WebSocket>({
    begin: (events) => this.broadcast(events),
    send: sendToAll,
    schedule: (step) => {
      const timer = setTimeout(step, 0);
      return () => clearTimeout(timer);
    },
    slice: SOCKETS_PER_TURN,
  });
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
    return openSockets(this.ctx) + this.sse.size + (this.shards?.watching() ?? 0);
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
    this.sse.message(text);
  }

  /**
   * Queues events for the live clients, in the same synchronous step that makes them the room's state: a client
   * joining from then on reads them in its opening and flushes the queue first (see flush), whatever the caller awaits.
   */
  enqueue(events: PublishedEvent[]) {
    this.out.enqueue(events);
  }

  /**
   * Sends what is queued after the current turn, a slice of sockets per turn (slices.ts), so the source's 202 (the
   * caller has awaited the storage sync) leaves before a broadcast whose CPU grows with the sockets. One FIFO: a
   * later batch is queued behind an earlier one and can never overtake it.
   */
  drainSoon() {
    this.out.soon();
  }

  /**
   * Sends every pending event now. A client joining calls this first: its opening is read from the log up to the
   * current state, so the events still pending must reach the sockets already open before it joins, never it.
   * Without this, the joiner would get them twice (in its opening and from the queue).
   */
  flush() {
    this.out.now();
  }

  pendingCount = () => this.out.size();

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
    return this.sse.open(openingTexts(after, state, backlog), this.presenceText());
  }

  /** WebSockets and streams the room holds itself, for where the next one goes (live-shard/registry.ts). */
  held(): number {
    return this.ctx.getWebSockets().length + this.sse.size;
  }

  /**
   * A batch starts: the SSE streams and the fan-out shards (once per shard, not once per socket) get it at once, the
   * room's own sockets a slice at a time. Each message is serialised once, not once per socket.
   */
  private broadcast(events: PublishedEvent[]): Started<WebSocket> {
    const frames = events.map((event) =>
      JSON.stringify({ type: "event", event } satisfies LiveServerMessage),
    );
    this.sse.events(events, frames);
    this.shards?.events(events);
    return { frames, sockets: this.ctx.getWebSockets() };
  }

  connections() {
    return {
      websockets: this.ctx.getWebSockets().length + (this.shards?.watching() ?? 0),
      sse: this.sse.size,
    };
  }
}

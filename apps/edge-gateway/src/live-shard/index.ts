import type { LiveServerMessage, MatchState, PublishedEvent } from "@buzz/schema/contract";
import { unwrap } from "../errors/rpc.js";
import { startOf } from "../match-room/fanout.js";
import { Serial } from "../match-room/serial.js";
import { SseStreams } from "../match-room/sse.js";
import { roomOf } from "../matches/room.js";
import { sendToAll } from "../ws/index.js";
import { admit } from "./order.js";
import type { ShardTally } from "./registry.js";
import { EventRing } from "./ring.js";
import { ShardObject } from "./shard-object.js";

/** The SSE id of an opening message: the sequence it brings the client to. */
const sequenceOf = (msg: LiveServerMessage) =>
  msg.type === "event" ? msg.event.sequence_number : msg.type === "snapshot" ? msg.sequence_number : 0;

/** Events a shard keeps for resumes: a few minutes of a busy match. */
const RING_SIZE = 256;
/** How much of the room's log one read takes. */
const LOG_PAGE = 500;
const DELIVERED_KEY = "delivered";

/**
 * One fan-out shard of a match (`{match}:live:{k}`): holds some of its live sockets (hibernation API) and SSE
 * streams, gets each batch once from the room and sends it to all of them. Order and gaps are kept against the last sequence its
 * sockets were sent (stored, so it survives hibernation); what it does not hold it reads from the room.
 */
export class LiveShard extends ShardObject {
  private readonly ring = new EventRing(RING_SIZE);
  private readonly serial = new Serial();
  /** The projection at `delivered`, for snapshots; null until the shard has heard from its room since waking. */
  private state: MatchState | null = null;
  private presenceText: string | null = null;
  private readonly sse = new SseStreams(() => this.left());

  protected tell(sockets: number, joined: number) {
    return this.room().shardSockets(this.shard.k, sockets, joined);
  }

  protected forget() {
    this.state = null;
  }

  private room() {
    return roomOf(this.env, this.shard.matchId);
  }

  private get delivered(): number | undefined {
    return this.ctx.storage.kv.get<number>(DELIVERED_KEY);
  }

  /** Open WebSockets and SSE streams: the clients this shard serves. */
  protected override sockets(): number {
    return super.sockets() + this.sse.size;
  }

  /** One batch from the room (once per shard, not per socket); answers with the shard's tally. */
  async deliver(events: PublishedEvent[], state: MatchState): Promise<ShardTally> {
    return this.serial.run(async () => {
      await this.warm();
      const { fresh, missingAfter } = admit(this.delivered ?? 0, events);
      if (missingAfter !== null) await this.catchUp(fresh[0]!.sequence_number - 1);
      this.send(fresh);
      if (state.last_sequence === this.delivered) this.state = state;
      return this.tally();
    });
  }

  /** The room's latest presence message, for every socket here and for joiners. */
  async presence(text: string): Promise<void> {
    this.presenceText = text;
    sendToAll(this.ctx.getWebSockets(), text);
    this.sse.message(text);
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const raw = request.headers.get("Last-Event-ID") ?? url.searchParams.get("after");
    const after = raw === null || raw === "" ? null : Number(raw);
    return this.serial.run(async () => {
      await this.warm();
      // A client ahead of this shard (it saw the room or another shard) waits for nothing: catch up first.
      if (after !== null && after > (this.delivered ?? 0)) await this.refresh();
      const opening = await this.opening(after);
      this.joinedOne();
      if (url.pathname.endsWith("/stream"))
        return this.sse.open(
          opening.map((msg) => ({ id: sequenceOf(msg), text: JSON.stringify(msg) })),
          this.presenceText,
        );
      const { 0: client, 1: server } = new WebSocketPair();
      this.ctx.acceptWebSocket(server);
      for (const msg of opening) server.send(JSON.stringify(msg));
      if (this.presenceText) server.send(this.presenceText);
      return new Response(null, { status: 101, webSocket: client });
    });
  }

  /** What a client is owed on connect, as the room would send it (match-room/fanout.ts). */
  private async opening(after: number | null): Promise<LiveServerMessage[]> {
    const state = this.state!;
    const start = startOf(after, state);
    if ("snapshot" in start) return [start.snapshot];
    const from = start.resumeAfter;
    const events = this.ring.after(from) ?? (await this.fromLog(from, state.last_sequence));
    return events.map((event) => ({ type: "event", event }));
  }

  /** After waking: the room's projection, and what the sockets that slept here missed meanwhile. */
  private async warm() {
    if (!this.state) await this.refresh();
  }

  private async refresh() {
    const state = unwrap(await this.room().state());
    // With no socket open (a new shard, or one the room stopped feeding) nobody is owed the log: start at the present.
    if (this.sockets() === 0) {
      this.ctx.storage.kv.put(DELIVERED_KEY, state.last_sequence);
      this.ring.clear();
    } else await this.catchUp(state.last_sequence);
    this.state = state;
  }

  /** Sends the sockets every event from the room's log up to `to`. */
  private async catchUp(to: number) {
    const from = this.delivered ?? 0;
    if (from < to) this.send(await this.fromLog(from, to));
  }

  private async fromLog(after: number, to: number): Promise<PublishedEvent[]> {
    const out: PublishedEvent[] = [];
    for (let from = after; from < to; ) {
      const { events } = unwrap(await this.room().events(from, LOG_PAGE));
      if (!events.length) break;
      for (const e of events) if (e.sequence_number <= to) out.push(e);
      from = events.at(-1)!.sequence_number;
    }
    return out;
  }

  private send(events: PublishedEvent[]) {
    if (!events.length) return;
    const sockets = this.ctx.getWebSockets();
    const texts = events.map((event) => JSON.stringify({ type: "event", event }));
    for (const text of texts) sendToAll(sockets, text);
    this.sse.events(events, texts);
    this.ring.push(events);
    this.ctx.storage.kv.put(DELIVERED_KEY, events.at(-1)!.sequence_number);
  }
}

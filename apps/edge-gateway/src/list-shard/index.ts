import { DurableObject } from "cloudflare:workers";
import {
  compareSummaries,
  isNewerSummary,
  type MatchesLiveMessage,
  type MatchSummary,
} from "@buzz/schema/contract";
import { directoryOf } from "../directory/index.js";
import { parseShardName, shardName } from "../live-shard/order.js";
import { Presence } from "../match-room/presence.js";
import { Serial } from "../match-room/serial.js";
import { answerClose, answerMessage, answerPings, sendToAll } from "../ws/index.js";

/** The live list's shards are `matches:live:{k}` in their own namespace. */
const LIST = "matches";
/** A shard's count reaches the directory at most this often. */
const REPORT_GAP_MS = 100;
const NAME_KEY = "name";

export const listShardOf = (env: Env, k: number) => env.LIST_SHARD.getByName(shardName(LIST, k));

/**
 * One fan-out shard of the live list (`GET /v1/live/matches`) once the directory holds LIVE_SHARD_SOCKETS: holds
 * some of the list's sockets (hibernation API), gets each changed summary once from the directory and sends it to
 * all of them. It keeps the list for joiners in memory, read from the directory when the first joiner after a wake
 * arrives and kept current by the deliveries (a summary replaces an older one only, so their order does not matter).
 */
export class ListShard extends DurableObject<Env> {
  private readonly serial = new Serial();
  /** The list by match, while this shard has sockets and has read it since waking; null otherwise. */
  private list: Map<string, MatchSummary> | null = null;
  /** Sockets opened here since the last report, so the directory stops counting them as on their way. */
  private joined = 0;
  private readonly report = new Presence(
    () => this.sockets(),
    () => {
      const joined = this.joined;
      this.joined = 0;
      directoryOf(this.env)
        .shardSockets(this.k, this.sockets(), joined)
        .catch(() => {});
    },
    REPORT_GAP_MS,
  );

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    answerPings(ctx);
    const name = ctx.id.name;
    if (name && ctx.storage.kv.get(NAME_KEY) !== name) ctx.storage.kv.put(NAME_KEY, name);
  }

  /** Which shard: from the name it is addressed by, kept for when a socket's message wakes it without. */
  private get k(): number {
    const name = this.ctx.id.name ?? this.ctx.storage.kv.get<string>(NAME_KEY);
    if (!name) throw new Error("a ListShard must be addressed by name (matches:live:{k})");
    return parseShardName(name).k;
  }

  private sockets(): number {
    return this.ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length;
  }

  /** A summary that changed (once per shard, not per socket); answers with the shard's sockets. */
  async deliver(summary: MatchSummary): Promise<{ sockets: number; joined: number }> {
    return this.serial.run(async () => {
      const known = this.list?.get(summary.match_id);
      if (this.list && (!known || isNewerSummary(summary, known))) this.list.set(summary.match_id, summary);
      const message: MatchesLiveMessage = { type: "match", match: summary };
      sendToAll(this.ctx.getWebSockets(), JSON.stringify(message));
      const joined = this.joined;
      this.joined = 0;
      return { sockets: this.sockets(), joined };
    });
  }

  override async fetch(): Promise<Response> {
    return this.serial.run(async () => {
      this.list ??= new Map((await directoryOf(this.env).list()).map((s) => [s.match_id, s]));
      const message: MatchesLiveMessage = {
        type: "matches",
        matches: [...this.list.values()].sort(compareSummaries),
      };
      const { 0: client, 1: server } = new WebSocketPair();
      this.ctx.acceptWebSocket(server);
      server.send(JSON.stringify(message));
      this.joined++;
      this.report.changed();
      return new Response(null, { status: 101, webSocket: client });
    });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    answerMessage(ws, message);
  }

  override async webSocketClose(ws: WebSocket, code: number) {
    answerClose(ws, code);
    this.left();
  }

  override async webSocketError() {
    this.left();
  }

  private left() {
    this.report.changed();
    // The directory stops feeding a shard with no sockets: its list is stale from then on.
    if (this.sockets() === 0) this.list = null;
  }
}

import {
  compareSummaries,
  isNewerSummary,
  type MatchesLiveMessage,
  type MatchSummary,
} from "@buzz/schema/contract";
import { directoryOf } from "../directory/index.js";
import { shardName } from "../live-shard/order.js";
import type { ShardTally } from "../live-shard/registry.js";
import { ShardObject } from "../live-shard/shard-object.js";
import { Serial } from "../match-room/serial.js";
import { sendToAll } from "../ws/index.js";

/** The live list's shards are `matches:live:{k}` in their own namespace. */
const LIST = "matches";

export const listShardOf = (env: Env, k: number) => env.LIST_SHARD.getByName(shardName(LIST, k));

/**
 * One fan-out shard of the live list (`GET /v1/live/matches`) once the directory holds LIVE_SHARD_SOCKETS: holds
 * some of the list's sockets (hibernation API), gets each changed summary once from the directory and sends it to
 * all of them. It keeps the list for joiners in memory, read from the directory when the first joiner after a wake
 * arrives and kept current by the deliveries (a summary replaces an older one only, so their order does not matter).
 */
export class ListShard extends ShardObject {
  private readonly serial = new Serial();
  /** The list by match, while this shard has sockets and has read it since waking; null otherwise. */
  private list: Map<string, MatchSummary> | null = null;

  protected tell(sockets: number, joined: number) {
    return directoryOf(this.env).shardSockets(this.shard.k, sockets, joined);
  }

  protected forget() {
    this.list = null;
  }

  /** A summary that changed (once per shard, not per socket); answers with the shard's sockets. */
  async deliver(summary: MatchSummary): Promise<ShardTally> {
    return this.serial.run(async () => {
      const known = this.list?.get(summary.match_id);
      if (this.list && (!known || isNewerSummary(summary, known))) this.list.set(summary.match_id, summary);
      const message: MatchesLiveMessage = { type: "match", match: summary };
      sendToAll(this.ctx.getWebSockets(), JSON.stringify(message));
      return this.tally();
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
      this.joinedOne();
      return new Response(null, { status: 101, webSocket: client });
    });
  }
}

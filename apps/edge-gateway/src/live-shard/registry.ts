import { log } from "@buzz/queue";
import type { MatchState, PublishedEvent } from "@buzz/schema/contract";
import { pickShard, shardName, shardThreshold } from "./order.js";

/** What a room's fan-out hands on to its shards (match-room/fanout.ts). */
export interface ShardRelay {
  /** Sockets held by the shards, for "who is watching". */
  watching(): number;
  events(events: PublishedEvent[]): void;
  presence(text: string): void;
}

const COUNTS_KEY = "live_shards";
/**
 * A shard that reported no sockets gets no deliveries (it reads the room's state again when a socket comes back,
 * live-shard/index.ts), unless a socket was sent to it this recently: a count of 0 sent before that socket arrived
 * may still be on its way.
 */
const ROUTED_GRACE_MS = 10_000;

/**
 * The room's side of sharded fan-out: which shards its match has (in storage, so a restarted room still feeds
 * them), how many sockets each reported, where a new socket goes once the room is full, and one delivery per shard
 * per batch to the shards that hold sockets. Each shard's deliveries are chained, so they reach it in log order; one that fails is logged and
 * skipped, and the shard reads what it missed from the log when the next batch shows the gap (order.ts).
 */
export class LiveShards implements ShardRelay {
  private readonly counts: number[];
  private readonly tails = new Map<number, Promise<unknown>>();
  /** When each shard was last given a socket (this incarnation). */
  private readonly routedAt = new Map<number, number>();
  private readonly perShard: number;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly matchId: () => string,
    private readonly state: () => MatchState | null,
    private readonly changed: () => void,
  ) {
    this.counts = ctx.storage.kv.get<number[]>(COUNTS_KEY) ?? [];
    this.perShard = shardThreshold(env.LIVE_SHARD_SOCKETS);
  }

  /** The shard a new socket goes to, or null while the room itself has room (`roomSockets` below the threshold). */
  route(roomSockets: number): number | null {
    if (roomSockets < this.perShard) return null;
    const k = pickShard(this.counts, this.perShard);
    // Counted now, so a burst of upgrades spreads over shards before they report back.
    this.set(k, (this.counts[k] ?? 0) + 1);
    this.routedAt.set(k, Date.now());
    return k;
  }

  /** A shard's own count of its open sockets (on joins and leaves, and with each delivery). */
  report(k: number, sockets: number): void {
    if (this.counts[k] === sockets) return;
    this.set(k, sockets);
    this.changed();
  }

  watching(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }

  events(events: PublishedEvent[]): void {
    const state = this.state();
    if (!events.length || !state) return;
    this.each("deliver", async (k) => this.report(k, await this.stub(k).deliver(events, state)));
  }

  presence(text: string): void {
    this.each("presence", (k) => this.stub(k).presence(text));
  }

  private each(what: string, send: (k: number) => Promise<unknown>) {
    for (let k = 0; k < this.counts.length; k++) {
      if (this.counts[k] === 0 && Date.now() - (this.routedAt.get(k) ?? 0) > ROUTED_GRACE_MS) continue;
      const shard = k;
      const next = (this.tails.get(shard) ?? Promise.resolve())
        .then(() => send(shard))
        .catch((err) =>
          log("warn", "live_shard_failed", { match_id: this.matchId(), shard, what, error: String(err) }),
        );
      this.tails.set(shard, next);
    }
  }

  private set(k: number, n: number) {
    for (let i = this.counts.length; i < k; i++) this.counts[i] = 0;
    this.counts[k] = n;
    this.ctx.storage.kv.put(COUNTS_KEY, this.counts);
  }

  private stub(k: number) {
    return this.env.LIVE_SHARD.getByName(shardName(this.matchId(), k));
  }
}

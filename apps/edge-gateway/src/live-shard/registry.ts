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
 * How long a socket sent to a shard counts there before the shard's reports include it. A report sent before that
 * socket arrived may still be on its way (a count of 0 would stop the shard's deliveries, one too low would send it
 * more sockets than LIVE_SHARD_SOCKETS); after this long an upgrade that never reached the shard stops counting.
 */
const ROUTED_GRACE_MS = 10_000;

/** A shard's answer to a delivery: its open clients, and how many it took since it last said. */
export interface ShardTally {
  sockets: number;
  joined: number;
}

/** Sockets sent to one shard that its reports have not counted yet, and when the last of them was sent. */
interface Unseen {
  sockets: number;
  at: number;
}

/**
 * An object's side of sharded fan-out (a match's room, or the directory for the live list): which shards it has
 * (in storage, so a restarted object still feeds them), how many sockets each reported, where a new socket goes
 * once the object is full, and sends to the shards that hold sockets. Each shard's sends are chained, so they reach
 * it in the order made; one that fails is logged and skipped (a shard reads what it missed when it next hears).
 */
export class ShardRegistry {
  /** Each shard's last report of its open sockets (after a restart: the stored counts, unseen sockets included). */
  private readonly reported: number[];
  private readonly tails = new Map<number, Promise<unknown>>();
  /** This incarnation's sockets sent to each shard and not yet in its reports. */
  private readonly unseen = new Map<number, Unseen>();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly perShard: number,
    private readonly changed: () => void,
    /** What the logs say a failed send was for. */
    private readonly owner: () => Record<string, unknown>,
  ) {
    this.reported = ctx.storage.kv.get<number[]>(COUNTS_KEY) ?? [];
  }

  /** The shard a new socket goes to, or null while the object itself has room (`ownSockets` below the threshold). */
  route(ownSockets: number): number | null {
    if (ownSockets < this.perShard) return null;
    const k = pickShard(this.counts(), this.perShard);
    // Counted now, so a burst of upgrades spreads over shards before they report back.
    this.unseen.set(k, { sockets: this.unseenAt(k) + 1, at: Date.now() });
    // Its report unchanged: set() only makes a new shard's place and stores the counts, the unseen socket included.
    this.set(k, this.reported[k] ?? 0);
    return k;
  }

  /**
   * A shard's own count of its open sockets (on joins and leaves, and with each delivery), and how many sockets it
   * took since its last report: those stop counting as unseen, the rest may still be on their way to it.
   */
  report(k: number, sockets: number, joined = 0): void {
    const before = this.countAt(k);
    const unseen = this.unseen.get(k);
    if (unseen) unseen.sockets = Math.max(0, unseen.sockets - joined);
    if (this.countAt(k) === before && this.reported[k] === sockets) return;
    this.set(k, sockets);
    this.changed();
  }

  watching(): number {
    return this.counts().reduce((a, b) => a + b, 0);
  }

  /** A delivery to each shard that holds sockets (as `each`), reporting the tally each answers with. */
  deliver(send: (k: number) => Promise<ShardTally>) {
    this.each("deliver", async (k) => {
      const { sockets, joined } = await send(k);
      this.report(k, sockets, joined);
    });
  }

  /** `send` to each shard that holds sockets, after what was sent to it before. */
  each(what: string, send: (k: number) => Promise<unknown>) {
    for (let k = 0; k < this.reported.length; k++) {
      if (this.countAt(k) === 0) continue;
      const shard = k;
      const next = (this.tails.get(shard) ?? Promise.resolve())
        .then(() => send(shard))
        .catch((err) =>
          log("warn", "live_shard_failed", { ...this.owner(), shard, what, error: String(err) }),
        );
      this.tails.set(shard, next);
    }
  }

  /** Each shard's sockets: what it reported, and what was sent to it since. */
  counts(): number[] {
    return this.reported.map((_, k) => this.countAt(k));
  }

  private countAt(k: number): number {
    return (this.reported[k] ?? 0) + this.unseenAt(k);
  }

  private unseenAt(k: number): number {
    const unseen = this.unseen.get(k);
    return unseen && Date.now() - unseen.at <= ROUTED_GRACE_MS ? unseen.sockets : 0;
  }

  private set(k: number, n: number) {
    for (let i = this.reported.length; i < k; i++) this.reported[i] = 0;
    this.reported[k] = n;
    // With the unseen: an object restarted before a shard's first report must still feed it.
    this.ctx.storage.kv.put(COUNTS_KEY, this.counts());
  }
}

/** A match room's shards: each batch and each presence message once per shard, in log order (order.ts). */
export class LiveShards extends ShardRegistry implements ShardRelay {
  constructor(
    ctx: DurableObjectState,
    private readonly env: Env,
    private readonly matchId: () => string,
    private readonly state: () => MatchState | null,
    changed: () => void,
  ) {
    super(ctx, shardThreshold(env.LIVE_SHARD_SOCKETS), changed, () => ({ match_id: matchId() }));
  }

  events(events: PublishedEvent[]): void {
    const state = this.state();
    if (!events.length || !state) return;
    this.deliver((k) => this.stub(k).deliver(events, state));
  }

  presence(text: string): void {
    this.each("presence", (k) => this.stub(k).presence(text));
  }

  private stub(k: number) {
    return this.env.LIVE_SHARD.getByName(shardName(this.matchId(), k));
  }
}

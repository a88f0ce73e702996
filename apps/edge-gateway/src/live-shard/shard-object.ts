import { DurableObject } from "cloudflare:workers";
import { Presence } from "../match-room/presence.js";
import { answerClose, answerMessage, answerPings, openSockets } from "../ws/index.js";
import { parseShardName } from "./order.js";
import type { ShardTally } from "./registry.js";

/** A shard's count reaches the object that feeds it at most this often (a room then applies its own 1 s presence gap). */
const REPORT_GAP_MS = 100;
const NAME_KEY = "name";

/**
 * What every fan-out shard object shares (LiveShard for a match, ListShard for the live list): it is addressed by
 * name (`{feed}:live:{k}`), holds hibernatable sockets, tells the object feeding it how many it has (on joins and
 * leaves, at most every 100 ms) and forgets its feed's state when the last one leaves, because that object stops
 * feeding a shard with no sockets (registry.ts).
 */
export abstract class ShardObject extends DurableObject<Env> {
  /** Clients opened here since the last report, so the feeding object stops counting them as on their way. */
  private joined = 0;
  private readonly report = new Presence(
    () => this.sockets(),
    () => {
      const { sockets, joined } = this.tally();
      this.tell(sockets, joined).catch(() => {});
    },
    REPORT_GAP_MS,
  );

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    answerPings(ctx);
    const name = ctx.id.name;
    if (name && ctx.storage.kv.get(NAME_KEY) !== name) ctx.storage.kv.put(NAME_KEY, name);
  }

  /** Reports this shard's clients to the object that feeds it. */
  protected abstract tell(sockets: number, joined: number): Promise<void>;
  /** Drops what it knows of its feed: with no client left, nothing keeps it current. */
  protected abstract forget(): void;

  /** Which shard of which feed: from the name it is addressed by, kept for when a socket's message wakes it without. */
  protected get shard() {
    const name = this.ctx.id.name ?? this.ctx.storage.kv.get<string>(NAME_KEY);
    if (!name) throw new Error("a fan-out shard must be addressed by name ({feed}:live:{k})");
    return parseShardName(name);
  }

  /** The clients this shard serves: its open WebSockets (a subclass adds its other kinds). */
  protected sockets(): number {
    return openSockets(this.ctx);
  }

  /** What the feeding object is told: clients open now, and opened since it was last told. */
  protected tally(): ShardTally {
    const joined = this.joined;
    this.joined = 0;
    return { sockets: this.sockets(), joined };
  }

  protected joinedOne() {
    this.joined++;
    this.report.changed();
  }

  protected left() {
    this.report.changed();
    if (this.sockets() === 0) this.forget();
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
}

import { DurableObject } from "cloudflare:workers";
import { errorText, withDb } from "@buzz/db";
import { log } from "@buzz/queue";
import {
  type EventInput,
  type FixtureInput,
  initialState,
  type MatchState,
  type MatchView,
  rebuild,
  summarize,
  withFixture,
} from "@buzz/schema/contract";
import { directoryOf } from "../directory/index.js";
import { DomainError } from "../errors/domain.js";
import { rpc } from "../errors/rpc.js";
import { LiveShards } from "../live-shard/registry.js";
import { toShard } from "../live-shard/route.js";
import { answerClose, answerMessage, answerPings } from "../ws/index.js";
import type { MatchRoomApi } from "./contract.js";
import { Fanout } from "./fanout.js";
import { flushOutbox } from "./outbox.js";
import { sequenceBatch } from "./sequence.js";
import { Serial } from "./serial.js";
import { RoomStore } from "./store.js";
import { archivedOf, planSweep } from "./sweep.js";

/** Events the sweeper checks at once: one query of event ids. */
const SWEEP_PAGE = 500;

const notFound = () =>
  new DomainError(404, "match_not_found", "no fixture for this match: PUT /v1/matches/{match_id} first");

/**
 * One match: dedups, fuses and sequences its events into the SQLite log (the WAL), projects the state,
 * hands new events to the queue through an outbox, and fans them out to live clients in the same turn.
 */
export class MatchRoom extends DurableObject<Env> implements MatchRoomApi {
  private readonly store: RoomStore;
  private readonly fanout: Fanout;
  private readonly shards: LiveShards;
  private readonly serial = new Serial();
  private current: MatchState | null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new RoomStore(ctx.storage.sql);
    this.shards = new LiveShards(
      ctx,
      env,
      () => this.matchId,
      () => this.current,
      () => this.fanout.left(),
    );
    this.fanout = new Fanout(ctx, () => this.matchId, this.shards);
    answerPings(ctx);
    this.current = this.load();
  }

  /**
   * The match id: rooms are addressed by name (roomOf), and the runtime hands the name back, but not to a room an
   * alarm woke (as after a restart): that one has it in its state, loaded from storage. Live clients that joined such
   * a room got a 500 once its first presence count was out.
   */
  private get matchId(): string {
    const name = this.ctx.id.name ?? this.current?.match_id;
    if (!name) throw new Error("a MatchRoom must be addressed by its match id (getByName)");
    return name;
  }

  private fixtureState(): MatchState {
    if (!this.current) throw notFound();
    return this.current;
  }

  /** The snapshot when it is current, else the projection rebuilt from the log. */
  private load(): MatchState | null {
    const f = this.store.fixture();
    if (!f) return null;
    const snap = this.store.snapshot();
    // A snapshot written before contract v1.1 has no var_review or stats: the log rebuilds them.
    if (snap && snap.last_sequence === this.store.lastSequence() && snap.stats) return snap;
    return rebuild(f.match_id, f.fixture, this.store.eventsAfter(0), f.created_at);
  }

  async putFixture(fixture: FixtureInput) {
    return rpc(() =>
      this.serial.run(async () => {
        const now = new Date().toISOString();
        const prev = this.current;
        if (
          prev &&
          prev.last_sequence > 0 &&
          (prev.home.team_id !== fixture.home.team_id || prev.away.team_id !== fixture.away.team_id)
        ) {
          throw new DomainError(
            409,
            "fixture_locked",
            "the teams of a match cannot change once events are sequenced",
          );
        }
        const state = prev ? withFixture(prev, fixture, now) : initialState(this.matchId, fixture, now);
        this.ctx.storage.transactionSync(() => {
          this.store.setFixture({
            match_id: this.matchId,
            fixture,
            created_at: this.store.fixture()?.created_at ?? now,
          });
          this.store.setSnapshot(state);
          this.store.setDirectoryDirty(true);
        });
        this.current = state;
        await this.syncDirectory().catch(() => this.ctx.storage.setAlarm(Date.now() + 1000));
        return { created: prev === null, state };
      }),
    );
  }

  async ingest(events: EventInput[], receivedAt: string) {
    return rpc(async () => {
      const { results, sequenced } = await this.serial.run(async () => {
        const batch = await sequenceBatch(this.fixtureState(), events, this.store, {
          receivedAt,
          now: () => new Date().toISOString(),
          windowMs: Number(this.env.FUSION_WINDOW_MS) || 15_000,
        });
        if (batch.keys.length) {
          this.ctx.storage.transactionSync(() => {
            for (const e of batch.events) this.store.append(e);
            for (const k of batch.keys) this.store.remember(k.key, k.event_id, k.seq);
            if (batch.events.length) {
              this.store.setSnapshot(batch.state);
              this.store.setDirectoryDirty(true);
              if (this.store.sweepDue() === null) this.store.setSweepDue(Date.now() + this.archiveDeadlineMs);
            }
          });
        }
        this.current = batch.state;
        this.fanout.enqueue(batch.events);
        if (batch.events.length) await this.ctx.storage.setAlarm(Date.now());
        return { results: batch.results, sequenced: batch.events.length > 0 };
      });
      if (sequenced) {
        // Durable before the 202 leaves; the broadcast, whose cost grows with the sockets, follows it (fanout.ts).
        // Awaited outside the serial section, so the next batch is sequenced meanwhile and the flushes coalesce.
        // A client joining meanwhile flushes the queue, and the output gate holds those sends until durable too.
        await this.ctx.storage.sync();
        this.fanout.drainSoon();
      }
      return { results };
    });
  }

  async state() {
    return rpc(() => this.fixtureState());
  }

  /** The projection with how many clients watch it live (GET /v1/matches/{id}). */
  async view() {
    return rpc((): MatchView => ({ ...this.fixtureState(), watching: this.fanout.watching() }));
  }

  async events(after: number, limit: number) {
    return rpc(() => {
      this.fixtureState();
      const events = [...this.store.eventsAfter(after, limit)];
      return { events, next_after: events.at(-1)?.sequence_number ?? after };
    });
  }

  /** Re-projects the state from the log alone (ops, and proof that the log is the source of truth). */
  async rebuildProjection() {
    return rpc(() => {
      const f = this.store.fixture();
      if (!f) throw notFound();
      const state = rebuild(f.match_id, f.fixture, this.store.eventsAfter(0), f.created_at);
      this.store.setSnapshot(state);
      this.current = state;
      return state;
    });
  }

  /**
   * Sends the whole log through the pipeline again (ops replay). Downstream stages deduplicate their effects by
   * event_id, so projections are rebuilt and no device is notified twice.
   */
  async requeueLog() {
    return rpc(async () => {
      this.fixtureState();
      const events = this.store.requeueAll();
      await this.ctx.storage.setAlarm(Date.now());
      return { events };
    });
  }

  /** A fan-out shard's count of its open sockets, for "who is watching", and how many it took since it last said. */
  async shardSockets(k: number, sockets: number, joined?: number) {
    this.shards.report(k, sockets, joined);
  }

  async connections() {
    return { ...this.fanout.connections(), outbox: this.store.outboxSize() };
  }

  override async fetch(request: Request): Promise<Response> {
    if (!this.current) {
      const error = notFound();
      return Response.json(error.body(), { status: error.status });
    }
    const url = new URL(request.url);
    const resumeFrom = request.headers.get("Last-Event-ID") ?? url.searchParams.get("after");
    const after = resumeFrom === null || resumeFrom === "" ? null : Number(resumeFrom);
    const backlog = (from: number, limit: number) => this.store.eventsAfter(from, limit);
    const socket = url.pathname.endsWith("/live");
    if (socket || url.pathname.endsWith("/stream")) {
      // Above LIVE_SHARD_SOCKETS a socket or stream belongs to a fan-out shard: the gateway opens it there (live-shard/).
      const k = this.shards.route(this.fanout.held());
      if (k !== null) return toShard(k);
      return socket
        ? this.fanout.openWebSocket(after, this.current, backlog)
        : this.fanout.openSse(after, this.current, backlog);
    }
    return Response.json(
      { error: { code: "not_found", message: `no room route ${url.pathname} (${this.matchId})` } },
      { status: 404 },
    );
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    answerMessage(ws, message);
  }

  override async webSocketClose(ws: WebSocket, code: number) {
    answerClose(ws, code);
    this.fanout.left();
  }

  override async webSocketError() {
    this.fanout.left();
  }

  /**
   * Retries the outbox and the directory until both are through, and sweeps what the archive never received;
   * the alarm survives restarts and evictions.
   */
  override async alarm() {
    const retryIn = await flushOutbox(this.store, this.env.MATCH_EVENTS);
    const dirOk = await this.syncDirectory().then(
      () => true,
      () => false,
    );
    await this.sweepIfDue();
    const now = Date.now();
    // A batch sequenced while this handler awaited set its own alarm, which the runtime may clear when this handler
    // completes: whatever is still pending gets a fresh one, so the last events of a match never wait for another.
    const pending = this.store.outboxSize() > 0 || this.store.directoryDirty();
    const next = [
      retryIn !== null ? now + retryIn : !dirOk ? now + 1000 : pending ? now : null,
      this.store.sweepDue(),
    ].filter((at): at is number => at !== null);
    if (next.length) await this.ctx.storage.setAlarm(Math.min(...next));
  }

  private get archiveDeadlineMs(): number {
    return Number(this.env.ARCHIVE_DEADLINE_MS) || 30_000;
  }

  /**
   * The sweeper (sweep.ts), when due: requeues what the archive never received and reports to the directory what
   * is still unarchived a window after publication (what cannot be checked, Postgres down, counts as unarchived).
   */
  private async sweepIfDue() {
    const due = this.store.sweepDue();
    const matchId = this.store.fixture()?.match_id;
    if (due === null || Date.now() < due || !matchId) return;
    const unconfirmed = this.store.unconfirmed(SWEEP_PAGE);
    let archived = new Set<string>();
    let checked = false;
    if (unconfirmed.length > 0 && this.env.DATABASE_URL) {
      try {
        archived = await withDb(
          this.env,
          this.ctx,
          (db) =>
            archivedOf(
              db,
              unconfirmed.map((e) => e.event_id),
            ),
          { maxConnections: 1 },
        );
        checked = true;
      } catch (err) {
        log("warn", "sweep_failed", { match_id: matchId, error: errorText(err) });
      }
    }
    const now = Date.now();
    const plan = checked
      ? planSweep(unconfirmed, archived, now, this.archiveDeadlineMs)
      : { confirmedThrough: null, requeue: [] };
    this.ctx.storage.transactionSync(() => {
      if (plan.confirmedThrough !== null) this.store.setArchivedThrough(plan.confirmedThrough);
      this.store.requeue(plan.requeue);
      const settled =
        checked && plan.confirmedThrough === unconfirmed.at(-1)?.seq && unconfirmed.length < SWEEP_PAGE;
      this.store.setSweepDue(unconfirmed.length === 0 || settled ? null : now + this.archiveDeadlineMs / 2);
    });
    if (plan.requeue.length) log("warn", "sweep_requeued", { match_id: matchId, seqs: plan.requeue });
    const window = Number(this.env.ALERT_WINDOW_MS) || 60_000;
    const missing = unconfirmed.filter((e) => !archived.has(e.event_id));
    await directoryOf(this.env).reportArchive(matchId, {
      requeued: plan.requeue.length,
      unarchived: missing.filter((e) => now - e.published_ms >= window).length,
      outboxOldestMs: missing.find((e) => e.queued)?.published_ms ?? null,
    });
  }

  private async syncDirectory() {
    const sent = this.current;
    if (!sent || !this.store.directoryDirty()) return;
    await directoryOf(this.env).upsert(summarize(sent));
    // A batch sequenced while the upsert was in flight keeps the flag, and its own alarm sends it.
    if (this.current === sent) this.store.setDirectoryDirty(false);
  }
}

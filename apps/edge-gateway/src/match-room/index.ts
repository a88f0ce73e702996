import { DurableObject } from "cloudflare:workers";
import { initialState, rebuild, withFixture, summarize, type EventInput, type FixtureInput, type MatchState } from "@buzz/schema";
import { directoryOf } from "../directory/index.js";
import { answerClose } from "../live/close.js";
import { MATCH_ID_HEADER, type MatchRoomApi, type RoomError, type RoomResult } from "./contract.js";
import { Fanout } from "./fanout.js";
import { flushOutbox } from "./outbox.js";
import { RosterError } from "./roster.js";
import { sequenceBatch } from "./sequence.js";
import { Serial } from "./serial.js";
import { RoomStore } from "./store.js";

const ok = <T>(value: T): RoomResult<T> => ({ ok: true, value });
const fail = (error: RoomError): RoomResult<never> => ({ ok: false, error });
const notFound = (): RoomResult<never> => fail({ status: 404, code: "match_not_found", message: "no fixture for this match: PUT /v1/matches/{match_id} first" });
const PING = JSON.stringify({ type: "ping" });
const PONG = JSON.stringify({ type: "pong" });

/**
 * One match: dedups, fuses and sequences its events into the SQLite log (the WAL), projects the state,
 * hands new events to the queue through an outbox, and fans them out to live clients in the same turn.
 */
export class MatchRoom extends DurableObject<Env> implements MatchRoomApi {
  private readonly store: RoomStore;
  private readonly fanout: Fanout;
  private readonly serial = new Serial();
  private current: MatchState | null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new RoomStore(ctx.storage.sql);
    this.fanout = new Fanout(ctx);
    // Pings answered by the runtime do not wake a hibernating room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.current = this.load();
  }

  /** The snapshot when it is current, else the projection rebuilt from the log. */
  private load(): MatchState | null {
    const f = this.store.fixture();
    if (!f) return null;
    const snap = this.store.snapshot();
    if (snap && snap.last_sequence === this.store.lastSequence()) return snap;
    return rebuild(f.match_id, f.fixture, this.store.eventsAfter(0), f.created_at);
  }

  async putFixture(matchId: string, fixture: FixtureInput) {
    return this.serial.run(async () => {
      const now = new Date().toISOString();
      const prev = this.current;
      if (prev && prev.last_sequence > 0 && (prev.home.team_id !== fixture.home.team_id || prev.away.team_id !== fixture.away.team_id)) {
        return fail({ status: 409, code: "fixture_locked", message: "the teams of a match cannot change once events are sequenced" });
      }
      const state = prev ? withFixture(prev, fixture, now) : initialState(matchId, fixture, now);
      this.ctx.storage.transactionSync(() => {
        this.store.setFixture({ match_id: matchId, fixture, created_at: this.store.fixture()?.created_at ?? now });
        this.store.setSnapshot(state);
        this.store.setDirectoryDirty(true);
      });
      this.current = state;
      await this.syncDirectory().catch(() => this.ctx.storage.setAlarm(Date.now() + 1000));
      return ok({ created: prev === null, state });
    });
  }

  async ingest(_matchId: string, events: EventInput[], receivedAt: string) {
    return this.serial.run(async () => {
      if (!this.current) return notFound();
      let batch;
      try {
        batch = await sequenceBatch(this.current, events, this.store, {
          receivedAt,
          now: () => new Date().toISOString(),
          windowMs: Number(this.env.FUSION_WINDOW_MS) || 15_000,
        });
      } catch (err) {
        if (err instanceof RosterError) return fail(err.error);
        throw err;
      }
      if (batch.keys.length) {
        this.ctx.storage.transactionSync(() => {
          for (const e of batch.events) this.store.append(e);
          for (const k of batch.keys) this.store.remember(k.key, k.event_id, k.seq);
          if (batch.events.length) {
            this.store.setSnapshot(batch.state);
            this.store.setDirectoryDirty(true);
          }
        });
      }
      this.current = batch.state;
      if (batch.events.length) {
        // The output gate holds these sends and the 202 until the transaction above is durable.
        await this.ctx.storage.setAlarm(Date.now());
        this.fanout.broadcast(batch.events);
      }
      return ok({ results: batch.results });
    });
  }

  async state() {
    return this.current ? ok(this.current) : notFound();
  }

  async events(after: number, limit: number) {
    if (!this.current) return notFound();
    const events = [...this.store.eventsAfter(after, limit)];
    return ok({ events, next_after: events.at(-1)?.sequence_number ?? after });
  }

  /** Re-projects the state from the log alone (ops, and proof that the log is the source of truth). */
  async rebuildProjection() {
    const f = this.store.fixture();
    if (!f) return notFound();
    const state = rebuild(f.match_id, f.fixture, this.store.eventsAfter(0), f.created_at);
    this.store.setSnapshot(state);
    this.current = state;
    return ok(state);
  }

  /**
   * Sends the whole log through the pipeline again (ops replay). Downstream stages deduplicate their effects by
   * event_id, so projections are rebuilt and no device is notified twice.
   */
  async requeueLog() {
    if (!this.current) return notFound();
    const events = this.store.requeueAll();
    await this.ctx.storage.setAlarm(Date.now());
    return ok({ events });
  }

  async connections() {
    return { ...this.fanout.connections(), outbox: this.store.outboxSize() };
  }

  override async fetch(request: Request): Promise<Response> {
    if (!this.current) {
      const { error } = notFound() as { error: RoomError };
      return Response.json({ error: { code: error.code, message: error.message } }, { status: 404 });
    }
    const url = new URL(request.url);
    const resumeFrom = request.headers.get("Last-Event-ID") ?? url.searchParams.get("after");
    const after = resumeFrom === null || resumeFrom === "" ? null : Number(resumeFrom);
    const backlog = (from: number, limit: number) => this.store.eventsAfter(from, limit);
    if (url.pathname.endsWith("/live")) return this.fanout.openWebSocket(after, this.current, backlog);
    if (url.pathname.endsWith("/stream")) return this.fanout.openSse(after, this.current, backlog);
    return Response.json({ error: { code: "not_found", message: `no room route ${url.pathname} (${request.headers.get(MATCH_ID_HEADER)})` } }, { status: 404 });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    let type: unknown;
    try {
      type = JSON.parse(typeof message === "string" ? message : new TextDecoder().decode(message))?.type;
    } catch {
      type = undefined;
    }
    if (type === "ping") ws.send(PONG);
    else ws.send(JSON.stringify({ type: "error", error: { code: "unknown_message", message: 'clients may send {"type":"ping"}' } }));
  }

  override async webSocketClose(ws: WebSocket, code: number) {
    answerClose(ws, code);
  }

  /** Retries the outbox and the directory until both are through; the alarm survives restarts and evictions. */
  override async alarm() {
    const retryIn = await flushOutbox(this.store, this.env.MATCH_EVENTS);
    const dirOk = await this.syncDirectory().then(() => true, () => false);
    if (retryIn !== null || !dirOk) await this.ctx.storage.setAlarm(Date.now() + (retryIn ?? 1000));
    // A batch sequenced while this handler awaited set its own alarm, which the runtime may clear when this handler
    // completes: whatever is still pending gets a fresh one, so the last events of a match never wait for another.
    else if (this.store.outboxSize() > 0 || this.store.directoryDirty()) await this.ctx.storage.setAlarm(Date.now());
  }

  private async syncDirectory() {
    const sent = this.current;
    if (!sent || !this.store.directoryDirty()) return;
    await directoryOf(this.env).upsert(summarize(sent));
    // A batch sequenced while the upsert was in flight keeps the flag, and its own alarm sends it.
    if (this.current === sent) this.store.setDirectoryDirty(false);
  }
}

import { DurableObject } from "cloudflare:workers";
import { errorText } from "@buzz/db";
import { type BackoffPolicy, backoffSeconds } from "@buzz/queue";
import {
  buildFixture,
  selectMatch,
  type Timeline,
  type TimelineItem,
  WORLDCUP_2018,
} from "@buzz/simulator/core";
import { DomainError, rpc, unwrap } from "../errors/index.js";
import { batchLimit, ingestEvents } from "../ingest/events.js";
import { mirrorFixture } from "../matches/mirror.js";
import { roomOf } from "../matches/room.js";
import type { SimulationSpec, SimulationStarted, SimulationView } from "./contract.js";
import { dueItems, nextDueAt, timelineOf, viewOf } from "./progress.js";
import { type SimRow, SimStore } from "./store.js";

const notFound = (id: string) =>
  new DomainError(404, "simulation_not_found", `no simulation ${JSON.stringify(id)}`);

/** Items per room.ingest: a late alarm at high speed sends what is due together, in order. */
const BATCH = 100;
/** A room that cannot be reached is retried with backoff (up to 32 s a step) before the replay fails. */
const MAX_ATTEMPTS = 6;
const ROOM_BACKOFF: BackoffPolicy = { baseSeconds: 1, capSeconds: 32, retryAfterCapSeconds: 32 };
/** A start that never got its fixture in (the object restarted meanwhile) frees its match id after this. */
const STALE_START_MS = 60_000;
const TIMELINE_CACHE = 128;

/** The one object that runs the platform's replays: `simulationsOf(env)`. */
export function simulationsOf(env: Env) {
  return env.SIMULATION.getByName("simulations");
}

/**
 * Replays of 2018 matches run by the platform. Each replay is a row; one alarm, set for the earliest item
 * due across them, sends every due item through the MatchRoom's ingest and records the progress, so a
 * replay survives restarts and no request is held open while it runs. One object serialises the claim on
 * a match id (two replays never write into the same match) and lists them all; the ops console starts a
 * handful at a time, and each alarm sends the replays' batches in parallel.
 */
export class Simulation extends DurableObject<Env> {
  private readonly store: SimStore;
  /** Timelines by replay, rebuilt on a cold start; the list's 50 rows would otherwise rebuild theirs on every poll. */
  private readonly timelines = new Map<string, { startedMs: number | null; timeline: Timeline }>();
  /** Batches in flight by replay: an alarm run early never sends one twice at once, and cancel waits for it. */
  private readonly inflight = new Map<string, Promise<void>>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new SimStore(ctx.storage.sql);
  }

  async start(spec: SimulationSpec) {
    return rpc(async (): Promise<SimulationStarted> => {
      const now = Date.now();
      this.store.failStale(now - STALE_START_MS, now);
      const running = this.store.runningInto(spec.match_id);
      if (running) throw alreadyReplayed(spec.match_id, `simulation ${running.id} is replaying into it`);
      const id = crypto.randomUUID();
      // The claim is written before the first await: a concurrent start for the same match id sees it.
      this.store.insert(
        id,
        spec,
        timelineOf({ ...spec, started_ms: null, created_ms: now }).items.length,
        now,
      );
      try {
        await this.prepareRoom(spec);
      } catch (err) {
        this.store.remove(id);
        throw err;
      }
      this.store.markStarted(id, Date.now());
      await this.reschedule();
      return { simulation_id: id, match_id: spec.match_id, status: "running" };
    });
  }

  /** Refuses a match whose log already has events (a replay would be all duplicates), then puts the fixture. */
  private async prepareRoom(spec: SimulationSpec): Promise<void> {
    const room = roomOf(this.env, spec.match_id);
    const state = await room.state();
    if (state.ok && state.value.last_sequence > 0)
      throw alreadyReplayed(spec.match_id, `its log already holds ${state.value.last_sequence} events`);
    const fixture = buildFixture(selectMatch(WORLDCUP_2018, spec.source_match));
    unwrap(await room.putFixture(fixture));
    // Without the mirror the replay still runs live; only team followers miss its pushes, so it is logged, not fatal.
    await mirrorFixture(this.env, spec.match_id, fixture).catch((err) =>
      console.error(
        JSON.stringify({ msg: "fixture mirror failed", match_id: spec.match_id, error: errorText(err) }),
      ),
    );
  }

  async status(id: string) {
    return rpc(() => {
      const row = this.store.get(id);
      if (!row) throw notFound(id);
      return this.view(row);
    });
  }

  async list(limit: number): Promise<SimulationView[]> {
    const now = Date.now();
    this.store.failStale(now - STALE_START_MS, now);
    return this.store.latest(limit).map((row) => this.view(row, now));
  }

  /**
   * Stops a running replay and answers once nothing more will reach the room: a batch already in flight is
   * waited for. Cancelling a cancelled replay is a no-op; a finished one is a 409.
   */
  async cancel(id: string) {
    return rpc(async () => {
      const row = this.store.get(id);
      if (!row) throw notFound(id);
      if (row.status === "running") this.store.finish(id, "cancelled", Date.now());
      await this.inflight.get(id);
      const now = this.store.get(id)!;
      if (now.status !== "cancelled")
        throw new DomainError(
          409,
          "not_running",
          `simulation ${id} is ${now.status}; only a running one can be cancelled`,
        );
      return this.view(now);
    });
  }

  override async alarm() {
    const now = Date.now();
    await Promise.all(
      this.store
        .started()
        .filter((row) => !this.inflight.has(row.id))
        .map((row) => this.step(row, now)),
    );
    await this.reschedule();
  }

  private async step(row: SimRow, now: number) {
    const due = dueItems(row, this.timelineFor(row), now, Math.min(BATCH, batchLimit(this.env)));
    if (!due.length) return;
    const sending = this.send(row, due).finally(() => this.inflight.delete(row.id));
    this.inflight.set(row.id, sending);
    await sending;
  }

  /** Sends one replay's due items as one batch, then records how far it got and the room's score. */
  private async send(row: SimRow, due: TimelineItem[]) {
    try {
      const body = { events: due.map((item) => item.event) };
      await ingestEvents(this.env, row.match_id, body, new Date().toISOString());
      const state = await roomOf(this.env, row.match_id).state();
      const score = state.ok
        ? { home: state.value.home.score, away: state.value.away.score }
        : { home: row.score_home, away: row.score_away };
      const sent = row.sent + due.length;
      this.store.progressed(row.id, sent, score, state.ok ? state.value.penalty_score : null);
      if (sent === row.total) this.store.finish(row.id, "done", Date.now());
    } catch (err) {
      const message =
        err instanceof DomainError
          ? `${err.code}: ${err.message}`
          : err instanceof Error
            ? err.message
            : String(err);
      const attempts = row.attempts + 1;
      // A 4xx is the timeline's fault (or the fixture was changed under it): resending cannot help.
      if (err instanceof DomainError || attempts >= MAX_ATTEMPTS)
        this.store.finish(row.id, "failed", Date.now(), message);
      else
        this.store.retryLater(
          row.id,
          attempts,
          Date.now() + 1000 * backoffSeconds(attempts, undefined, ROOM_BACKOFF),
        );
    }
  }

  /**
   * One alarm for the earliest item due across the running replays (none when nothing is left). A replay
   * with a batch in flight is left out: its progress is not written yet, and the alarm sending it reschedules.
   */
  private async reschedule() {
    const idle = this.store.started().filter((row) => !this.inflight.has(row.id));
    const next = Math.min(...idle.map((row) => nextDueAt(row, this.timelineFor(row)) ?? Infinity));
    // Strictly later than now: an alarm set, from its own handler, for the instant it fired at would be dropped.
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(Math.max(next, Date.now() + 1));
    else await this.ctx.storage.deleteAlarm();
  }

  private timelineFor(row: SimRow): Timeline {
    const cached = this.timelines.get(row.id);
    if (cached && cached.startedMs === row.started_ms) return cached.timeline;
    const timeline = timelineOf(row);
    if (this.timelines.size >= TIMELINE_CACHE) this.timelines.delete(this.timelines.keys().next().value!);
    this.timelines.set(row.id, { startedMs: row.started_ms, timeline });
    return timeline;
  }

  private view(row: SimRow, now = Date.now()): SimulationView {
    return viewOf(row, this.timelineFor(row), now);
  }
}

function alreadyReplayed(matchId: string, why: string): DomainError {
  return new DomainError(
    409,
    "already_replayed",
    `match ${matchId} cannot take this replay: ${why}; give a fresh match_id`,
  );
}

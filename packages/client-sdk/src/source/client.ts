import { type EventInputDraft, type IngestResult, MAX_BATCH_EVENTS } from "@buzz/schema/contract";
import { type AttemptContext, attemptDelivery } from "./attempt.js";
import { IngestRejectedError, SourceClientClosedError, WalFullError } from "./errors.js";
import {
  DEFAULT_WAL_LIMITS,
  depthOf,
  type HeldEntry,
  overLimit,
  type WalDepth,
  type WalLimits,
} from "./limits.js";
import { backoffMs, DEFAULT_RETRY, type RetryOptions } from "./retry.js";
import { encodeRecord, recoverWal, Wal, type WalEntry } from "./wal.js";

export interface SourceClientOptions {
  /** Gateway origin, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
  keyId: string;
  secret: string;
  /** The JSONL write-ahead log; created if missing, resent from if it holds unacknowledged entries. */
  walPath: string;
  /** Backoff for network errors, 5xx and 429: defaults `{ baseMs: 200, maxMs: 10_000 }`. Retries never give up. */
  retry?: RetryOptions;
  /** Per-attempt timeout in ms (default 10 000); a timed-out attempt is retried like a network error. */
  timeoutMs?: number;
  /** Replaces the global fetch (tests, simulated network cuts). */
  fetch?: typeof fetch;
  /**
   * How much unacknowledged data the WAL may hold: defaults `{ maxEvents: 50_000, maxBytes: 64 MiB }`. Past it,
   * `send` rejects with `WalFullError` and logs nothing.
   */
  limits?: Partial<WalLimits>;
  /** Told about each failed attempt that will be retried, e.g. to show that the network is down. */
  onRetry?: (info: { entryId: number; attempt: number; delayMs: number; reason: string }) => void;
}

export interface SourceClient {
  /** Log the request to the WAL (fsync'd), then deliver it in order; resolves with the per-event results once acked. */
  send(matchId: string, events: EventInputDraft | EventInputDraft[]): Promise<IngestResult[]>;
  /** Resolves once every entry sent so far (and every recovered one) is acknowledged or rejected. */
  drain(): Promise<void>;
  /** Entries logged but not yet settled. */
  readonly pending: number;
  /** Unsettled entries found in the WAL at start, being resent first. */
  readonly recovered: number;
  /** What the WAL holds unacknowledged (entries, events, bytes) and the age of the oldest entry. */
  depth(): WalDepth;
  /** Stop sending; unsettled entries stay in the WAL and their promises reject with SourceClientClosedError. */
  close(): Promise<void>;
}

type Queued = WalEntry & { events: number } & {
  settle?: { resolve: (r: IngestResult[]) => void; reject: (e: Error) => void };
};

const now = () => new Date().toISOString();
const eventsIn = (body: unknown) => (body as { events?: unknown[] }).events?.length ?? 1;
/** Settled history above this size is dropped the next time nothing is pending. */
const COMPACT_AT_BYTES = 1024 * 1024;

class WalSourceClient implements SourceClient {
  readonly recovered: number;
  private readonly wal: Wal;
  private readonly retry: Required<RetryOptions>;
  private readonly limits: WalLimits;
  /** Entries admitted whose WAL line is still being written, by id. */
  private readonly appending = new Map<number, HeldEntry>();
  private writtenSinceReset = 0;
  private readonly stop = new AbortController();
  private readonly attemptContext: AttemptContext;
  private readonly loop: Promise<void>;
  private queue: Queued[];
  private nextId: number;
  private wake: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  private closing: Promise<void> | null = null;

  constructor(private readonly opts: SourceClientOptions) {
    const { unsettled, nextId } = recoverWal(opts.walPath);
    this.wal = new Wal(opts.walPath);
    this.queue = unsettled.map((entry) => ({ ...entry, events: eventsIn(entry.body) }));
    this.recovered = unsettled.length;
    this.limits = { ...DEFAULT_WAL_LIMITS, ...opts.limits };
    this.writtenSinceReset = unsettled.reduce((sum, e) => sum + e.bytes, 0);
    this.nextId = nextId;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.attemptContext = {
      baseUrl: opts.baseUrl,
      keyId: opts.keyId,
      secret: opts.secret,
      timeoutMs: opts.timeoutMs ?? 10_000,
      fetch: opts.fetch ?? globalThis.fetch,
      stop: this.stop.signal,
    };
    this.loop = this.run();
  }

  get pending(): number {
    return this.queue.length + this.appending.size;
  }

  depth(): WalDepth {
    return depthOf([...this.queue, ...this.appending.values()], Date.now());
  }

  private get closed(): boolean {
    return this.stop.signal.aborted;
  }

  send(matchId: string, events: EventInputDraft | EventInputDraft[]): Promise<IngestResult[]> {
    if (this.closed) return Promise.reject(new Error("source client is closed"));
    const count = Array.isArray(events) ? events.length : 1;
    if (count === 0 || count > MAX_BATCH_EVENTS) {
      return Promise.reject(new RangeError(`a batch holds 1 to ${MAX_BATCH_EVENTS} events, got ${count}`));
    }
    const body = Array.isArray(events) ? { events } : events;
    const id = this.nextId;
    const at = now();
    const line = encodeRecord({ t: "entry", id, match_id: matchId, body, at });
    const held = { events: count, bytes: line.length, at };
    const depth = this.depth();
    const full = overLimit(depth, held, this.limits);
    if (full) return Promise.reject(new WalFullError(depth, this.limits, full));
    this.nextId++;
    this.appending.set(id, held);
    this.writtenSinceReset += line.length;
    return new Promise((resolve, reject) => {
      // The WAL serialises appends, so entries join the queue in id order.
      this.wal.append(line).then(
        () => {
          this.appending.delete(id);
          if (this.closed) return reject(new SourceClientClosedError(id));
          this.queue.push({
            id,
            matchId,
            body,
            at,
            bytes: line.length,
            events: count,
            settle: { resolve, reject },
          });
          this.wake?.();
        },
        (err: Error) => {
          this.appending.delete(id);
          reject(err);
          this.notifyIfIdle();
        },
      );
    });
  }

  drain(): Promise<void> {
    if (this.pending === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stop.abort();
      this.wake?.();
      await this.loop;
      for (const entry of this.queue.splice(0)) entry.settle?.reject(new SourceClientClosedError(entry.id));
      await this.wal.close();
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    })();
    return this.closing;
  }

  /** The one sender loop: the head entry is settled before the next is tried, so order survives any outage. */
  private async run(): Promise<void> {
    while (!this.closed) {
      const entry = this.queue[0];
      if (!entry) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      if (!(await this.deliver(entry))) return;
      this.queue.shift();
      this.notifyIfIdle();
    }
  }

  /** Retries until the entry is acked or rejected; false if the client closed first. */
  private async deliver(entry: Queued): Promise<boolean> {
    for (let attempt = 0; !this.closed; attempt++) {
      const outcome = await attemptDelivery(this.attemptContext, entry);
      if (outcome.kind === "ack") {
        await this.record({ t: "ack", id: entry.id, results: outcome.results, at: now() });
        entry.settle?.resolve(outcome.results);
        return true;
      }
      if (outcome.kind === "rejected") {
        await this.record({
          t: "rejected",
          id: entry.id,
          status: outcome.status,
          error: outcome.error,
          at: now(),
        });
        entry.settle?.reject(new IngestRejectedError(outcome.status, outcome.error, entry.id));
        return true;
      }
      if (this.closed) break;
      const delayMs = outcome.retryAfterMs ?? backoffMs(attempt, this.retry);
      this.opts.onRetry?.({ entryId: entry.id, attempt: attempt + 1, delayMs, reason: outcome.reason });
      await this.sleep(delayMs);
    }
    return false;
  }

  private async record(record: Parameters<typeof encodeRecord>[0]): Promise<void> {
    const line = encodeRecord(record);
    this.writtenSinceReset += line.length;
    try {
      await this.wal.append(line);
    } catch {
      // Only the settlement is lost: the entry is resent after a restart and the gateway answers it as a duplicate.
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.stop.signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.stop.signal.addEventListener("abort", done);
    });
  }

  private notifyIfIdle(): void {
    if (this.pending !== 0) return;
    // Every entry in the file is settled and any later append queues behind this reset, so nothing is lost.
    if (this.writtenSinceReset > COMPACT_AT_BYTES && !this.closed) {
      this.writtenSinceReset = 0;
      this.wal.reset().catch(() => undefined); // a failed reset only leaves settled history behind
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

export function createSourceClient(options: SourceClientOptions): SourceClient {
  return new WalSourceClient(options);
}

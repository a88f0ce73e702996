/**
 * What a batch is sent as, once it starts: its frames, in log order, and the sockets open at that moment (a socket
 * accepted later read the batch in its opening).
 */
export interface Started<S> {
  frames: string[];
  sockets: S[];
}

export interface SliceDeps<T, S> {
  /** Called once per batch, when its first slice is sent: what to send, and to whom. */
  begin(items: T[]): Started<S>;
  send(sockets: S[], frame: string): void;
  /** Runs `step` after the current turn; returns what cancels it. */
  schedule(step: () => void): () => void;
  /** Sockets written per turn. */
  slice: number;
}

/**
 * Sends queued batches to the sockets a slice at a time, yielding to the runtime between slices: a broadcast to
 * 10 000 sockets is ~300 ms of CPU, and done in one go it holds everything else the object (and, locally, the
 * thread it shares with the gateway) has to do — the 202 of the batch it sends, the next batch's ingest — until
 * the last socket is written. Order holds per socket: a batch reaches every socket it started with before the
 * next batch starts, and within a slice each socket gets the frames in log order.
 */
export class SlicedBroadcast<T, S> {
  private queued: T[] = [];
  private current: (Started<S> & { next: number; items: number }) | null = null;
  private cancel: (() => void) | undefined;

  constructor(private readonly deps: SliceDeps<T, S>) {}

  enqueue(items: T[]): void {
    this.queued.push(...items);
  }

  /** Items not yet sent to every socket they are owed to. */
  size(): number {
    return this.queued.length + (this.current?.items ?? 0);
  }

  /** Sends the next slice after the current turn, and so on until nothing is left. */
  soon(): void {
    if (this.cancel || this.size() === 0) return;
    this.cancel = this.deps.schedule(() => {
      this.cancel = undefined;
      this.step(this.deps.slice);
      this.soon();
    });
  }

  /** Sends everything still owed, now (a client about to join must find the sockets before it up to date). */
  now(): void {
    this.cancel?.();
    this.cancel = undefined;
    while (this.size() > 0) this.step(Number.POSITIVE_INFINITY);
  }

  private step(max: number): void {
    if (!this.current) {
      const items = this.queued;
      this.queued = [];
      this.current = { ...this.deps.begin(items), next: 0, items: items.length };
    }
    const batch = this.current;
    const end = Math.min(batch.next + max, batch.sockets.length);
    const slice = batch.sockets.slice(batch.next, end);
    for (const frame of batch.frames) this.deps.send(slice, frame);
    batch.next = end;
    if (end === batch.sockets.length) this.current = null;
  }
}

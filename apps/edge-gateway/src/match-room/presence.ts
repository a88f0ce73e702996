/** The least time between two presence messages of one room (contract v1.1: at most once a second). */
export const PRESENCE_GAP_MS = 1000;

/**
 * "Who is watching": told each time a client joins or leaves, it sends the count at most once per `gapMs`, and
 * only when it differs from the last one sent, so a burst of joins costs one message per second, not one per join.
 * The count is taken when the message leaves (O(sockets)), never on each change. A hibernated room forgets the
 * last send; it hibernates only after seconds idle, so the gap still holds.
 */
export class Presence {
  private lastSent: number | null = null;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly count: () => number,
    private readonly send: (watching: number) => void,
    private readonly gapMs = PRESENCE_GAP_MS,
  ) {}

  /** The count last sent, for a joiner to start from (cheap: not counted again); null before the first. */
  get last(): number | null {
    return this.lastSent;
  }

  changed(): void {
    // Already due: that send will read the count as it is then. A 0 ms timer still lets a burst coalesce.
    this.timer ??= setTimeout(() => this.fire(), Math.max(0, this.lastSentAt + this.gapMs - Date.now()));
  }

  private fire() {
    this.timer = undefined;
    const watching = this.count();
    if (watching === this.lastSent) return;
    this.lastSent = watching;
    this.lastSentAt = Date.now();
    this.send(watching);
  }
}

export interface CutOptions {
  /** Match minute at which the stadium loses the network. */
  atMatchMinute: number;
  /** How long the outage lasts, in real seconds. */
  seconds: number;
}

/** A fetch that fails like a pulled cable (TypeError "fetch failed") for the length of the cut. */
export class NetworkCut {
  private readonly from: number;
  private readonly until: number;

  constructor(cut: (CutOptions & { startsAt: number }) | null) {
    this.from = cut ? cut.startsAt : Infinity;
    this.until = cut ? cut.startsAt + cut.seconds * 1000 : -Infinity;
  }

  get active(): boolean {
    const now = Date.now();
    return now >= this.from && now < this.until;
  }

  readonly fetch: typeof fetch = (input, init) =>
    this.active ? Promise.reject(new TypeError("fetch failed: network cut (simulated)")) : fetch(input, init);
}

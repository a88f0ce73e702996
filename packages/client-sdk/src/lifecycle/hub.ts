import type { Lifecycle } from "./index.js";

/** One lifecycle subscription per client, held only while some feed is open. */
export class ActivityHub {
  active = true;
  readonly #watchers = new Set<(active: boolean) => void>();
  #stop: (() => void) | undefined;
  readonly #lifecycle: Lifecycle | null;

  constructor(lifecycle: Lifecycle | null) {
    this.#lifecycle = lifecycle;
  }

  watch(cb: (active: boolean) => void): () => void {
    this.#watchers.add(cb);
    if (this.#watchers.size === 1 && this.#lifecycle) {
      this.#stop = this.#lifecycle.subscribe((active) => {
        if (active === this.active) return;
        this.active = active;
        for (const w of [...this.#watchers]) w(active);
      });
    }
    return () => {
      this.#watchers.delete(cb);
      if (this.#watchers.size === 0) {
        this.#stop?.();
        this.#stop = undefined;
      }
    };
  }
}

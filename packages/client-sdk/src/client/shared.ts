import type { Status } from "../connection/index.js";
import { Emitter } from "../emitter/index.js";

/** What a feed (one match, or the list) offers its handles. */
export interface Feed<E extends { status: Status }, S extends { status: Status }> {
  readonly emitter: Emitter<E>;
  readonly snapshot: S;
  close(): void;
}

/** A handle's own view of a shared feed: its listeners, its close. */
export interface View<E, S> {
  on<K extends keyof E>(type: K, cb: (value: E[K]) => void): () => void;
  /** State and status as one object whose identity changes on every change (what `useSyncExternalStore` wants). */
  getSnapshot(): S;
  /** Detaches this handle; the feed closes when its last handle does. Status is then `offline`. Idempotent. */
  close(): void;
}

/** Feeds by key, each open while at least one handle holds it. */
export class Registry {
  // biome-ignore lint/suspicious/noExplicitAny: feeds of every kind share one registry; each handle knows its own types.
  readonly #feeds = new Map<string, { feed: Feed<any, any>; refs: number }>();

  view<E extends { status: Status }, S extends { status: Status }>(
    key: string,
    types: (keyof E)[],
    make: () => Feed<E, S>,
  ): View<E, S> {
    let entry = this.#feeds.get(key);
    // A failed feed stays with the handles that saw it fail; a new handle tries afresh (the match may exist now).
    if (!entry || entry.feed.snapshot.status === "failed")
      this.#feeds.set(key, (entry = { feed: make(), refs: 0 }));
    entry.refs++;
    const feed = entry.feed as Feed<E, S>;
    const own = new Emitter<E>();
    const forwards = types.map((t) => feed.emitter.on(t, (v) => own.emit(t, v)));
    let closed: S | null = null;
    return {
      on: (type, cb) => (closed ? () => {} : own.on(type, cb)),
      getSnapshot: () => closed ?? feed.snapshot,
      close: () => {
        if (closed) return;
        closed = { ...feed.snapshot, status: "offline" };
        forwards.forEach((off) => {
          off();
        });
        if (feed.snapshot.status !== "offline") own.emit("status", "offline" as E["status"]);
        own.clear();
        // After closeAll or a failure the key may already hold a newer feed, which is not this handle's to close.
        if (--entry.refs === 0) {
          if (this.#feeds.get(key) === entry) this.#feeds.delete(key);
          feed.close();
        }
      },
    };
  }

  closeAll(): void {
    for (const { feed } of this.#feeds.values()) feed.close();
    this.#feeds.clear();
  }
}

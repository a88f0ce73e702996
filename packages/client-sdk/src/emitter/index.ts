type Listener<T> = (value: T) => void;

/** A minimal typed event emitter: `on` returns its own unsubscribe, so callers never keep the callback around. */
export class Emitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(type: K, cb: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(cb as Listener<never>);
    return () => void set.delete(cb as Listener<never>);
  }

  emit<K extends keyof Events>(type: K, value: Events[K]): void {
    for (const cb of [...(this.#listeners.get(type) ?? [])]) {
      try {
        (cb as Listener<Events[K]>)(value);
      } catch (err) {
        // One app callback that throws must not stop the feed (or the other listeners); report it like an uncaught error.
        setTimeout(() => {
          throw err;
        });
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}

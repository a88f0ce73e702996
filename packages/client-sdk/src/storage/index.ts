/**
 * Where the SDK keeps what it needs to resume after an app restart. `localStorage` fits as is, so does
 * React Native's AsyncStorage (its methods return promises): anything with these three methods.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/** Storage that lives as long as the object does: share one between clients to resume within a process. */
export function memoryStorage(): KeyValueStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** Reads a JSON value; anything unreadable counts as nothing stored, so a corrupt entry only costs a snapshot. */
export async function readJson<T>(storage: KeyValueStorage, key: string): Promise<T | null> {
  try {
    const raw = await storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/**
 * Writes the latest value of one key, one write at a time: a synchronous storage is written at once; while an
 * asynchronous write is in flight, newer values replace each other and only the last one is written next.
 */
export function latestWriter(storage: KeyValueStorage, key: string, onError: (err: unknown) => void) {
  let pending: string | undefined;
  let busy = false;
  const flush = (): void => {
    if (busy || pending === undefined) return;
    const value = pending;
    pending = undefined;
    busy = true;
    const done = () => {
      busy = false;
      flush();
    };
    try {
      const r = storage.setItem(key, value);
      if (r && typeof r.then === "function") {
        r.then(done, (err) => {
          onError(err);
          done();
        });
        return;
      }
    } catch (err) {
      onError(err);
    }
    done();
  };
  return (value: unknown) => {
    pending = JSON.stringify(value);
    flush();
  };
}

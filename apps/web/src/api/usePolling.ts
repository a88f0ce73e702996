import { useEffect, useState } from "react";

export interface Polled<T> {
  data: T | undefined;
  /** The last load's error; the previous data stays on screen meanwhile. */
  error: string | undefined;
}

/** Loads now, then again `everyMs` after each load settles (never two at once), until unmounted. */
export function usePolling<T>(load: (signal: AbortSignal) => Promise<T>, everyMs: number): Polled<T> {
  const [polled, setPolled] = useState<Polled<T>>({ data: undefined, error: undefined });

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const data = await load(abort.signal);
        if (!abort.signal.aborted) setPolled({ data, error: undefined });
      } catch (err) {
        if (!abort.signal.aborted) setPolled((p) => ({ data: p.data, error: err instanceof Error ? err.message : String(err) }));
      }
      if (!abort.signal.aborted) timer = setTimeout(tick, everyMs);
    };
    void tick();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [load, everyMs]);

  return polled;
}

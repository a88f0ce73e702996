import { useEffect, useState } from "react";

/**
 * Loads now, then again `everyMs` after each load settles (never two at once), until unmounted or `load` changes
 * (callers memoise it). `undefined` until the first load answers; a reload keeps the last answer on screen.
 */
export function usePolling<T>(load: () => Promise<T>, everyMs: number): T | undefined {
  const [data, setData] = useState<T>();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const next = await load();
      if (stopped) return;
      setData(next);
      timer = setTimeout(tick, everyMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [load, everyMs]);

  return data;
}

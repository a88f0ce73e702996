// A fixed number of GETs of one URL, a few in flight at once, timed one by one: the load of the read benches.

export interface Load {
  /** Each request's latency, ms. */
  ms: number[];
  /** How many answers said the edge cache served them (`cf-cache-status: HIT`). */
  hits: number;
  perSecond: number;
}

/** GETs `url` `requests` times with `concurrency` in flight; `check` throws on an answer that is not the one meant. */
export async function load(
  url: string,
  requests: number,
  concurrency: number,
  check: (res: Response, body: unknown) => void,
): Promise<Load> {
  const ms: number[] = [];
  let hits = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) {
        const t = performance.now();
        const res = await fetch(url);
        check(res, await res.json());
        ms.push(performance.now() - t);
        if (res.headers.get("cf-cache-status") === "HIT") hits++;
      }
    }),
  );
  return { ms, hits, perSecond: requests / ((performance.now() - started) / 1000) };
}

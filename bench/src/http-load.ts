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

/** What one kind of request measured over every round. */
export interface Rounds {
  ms: number[];
  /** Requests/s of each round. */
  rates: number[];
  hits: number;
}

/**
 * Runs each kind once a round, `rounds` times, the order turned by one each round (so none is always first after
 * another's load), and adds each kind's loads up.
 */
export async function interleaved<K extends string>(
  kinds: readonly K[],
  rounds: number,
  run: (kind: K) => Promise<Load>,
): Promise<Record<K, Rounds>> {
  const out = Object.fromEntries(
    kinds.map((k): [K, Rounds] => [k, { ms: [], rates: [], hits: 0 }]),
  ) as Record<K, Rounds>;
  for (let round = 0; round < rounds; round++) {
    const turn = round % kinds.length;
    for (const kind of [...kinds.slice(turn), ...kinds.slice(0, turn)]) {
      const measured = await run(kind);
      out[kind].ms.push(...measured.ms);
      out[kind].rates.push(measured.perSecond);
      out[kind].hits += measured.hits;
    }
  }
  return out;
}

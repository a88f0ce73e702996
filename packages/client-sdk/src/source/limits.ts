// The WAL's cap. A stadium cut off from the gateway for hours must not fill its disk: past the cap the client
// refuses new events (the operator hears about it at once) instead of growing without bound.

/** What the WAL may hold unacknowledged. */
export interface WalLimits {
  /** Events across unsettled entries (a batch counts each of its events). Default 50 000. */
  maxEvents: number;
  /** Bytes of unsettled entries as written to the file. Default 64 MiB. */
  maxBytes: number;
}

export const DEFAULT_WAL_LIMITS: WalLimits = { maxEvents: 50_000, maxBytes: 64 * 1024 * 1024 };

/** One unsettled entry as the cap counts it. */
export interface HeldEntry {
  events: number;
  bytes: number;
  /** When it was logged (ISO 8601). */
  at: string;
}

/** How much the WAL holds that the gateway has not acknowledged, and for how long. */
export interface WalDepth {
  entries: number;
  events: number;
  bytes: number;
  /** When the oldest unsettled entry was logged; null when there is none. */
  oldestAt: string | null;
  /** Milliseconds since then; 0 when there is none. */
  ageMs: number;
}

export function depthOf(held: Iterable<HeldEntry>, now: number): WalDepth {
  let entries = 0;
  let events = 0;
  let bytes = 0;
  let oldestAt: string | null = null;
  for (const h of held) {
    entries++;
    events += h.events;
    bytes += h.bytes;
    if (oldestAt === null || h.at < oldestAt) oldestAt = h.at;
  }
  const ageMs = oldestAt === null ? 0 : Math.max(0, now - Date.parse(oldestAt));
  return { entries, events, bytes, oldestAt, ageMs };
}

/** Why `next` may not join a WAL at `depth`, or null when it fits. An empty WAL takes any one entry. */
export function overLimit(depth: WalDepth, next: HeldEntry, limits: WalLimits): string | null {
  if (depth.entries === 0) return null;
  if (depth.events + next.events > limits.maxEvents)
    return `${depth.events} events held, ${next.events} more would pass maxEvents ${limits.maxEvents}`;
  if (depth.bytes + next.bytes > limits.maxBytes)
    return `${depth.bytes} bytes held, ${next.bytes} more would pass maxBytes ${limits.maxBytes}`;
  return null;
}

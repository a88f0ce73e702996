import type { PublishedEvent } from "@buzz/schema/contract";

/** Both lists in sequence order, each sequence number once (the later list wins a tie: same event anyway). */
export function mergeEvents(a: readonly PublishedEvent[], b: readonly PublishedEvent[]): PublishedEvent[] {
  if (b.length === 0) return a as PublishedEvent[];
  const bySeq = new Map<number, PublishedEvent>();
  for (const e of a) bySeq.set(e.sequence_number, e);
  for (const e of b) bySeq.set(e.sequence_number, e);
  return [...bySeq.values()].sort((x, y) => x.sequence_number - y.sequence_number);
}

/** The highest n such that events 1..n are all known: where a history read should resume. */
export function contiguousUpTo(events: readonly PublishedEvent[]): number {
  let n = 0;
  for (const e of events) {
    if (e.sequence_number === n + 1) n++;
    else if (e.sequence_number > n + 1) break;
  }
  return n;
}

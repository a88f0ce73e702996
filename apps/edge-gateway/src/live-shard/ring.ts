import type { PublishedEvent } from "@buzz/schema/contract";

/**
 * The last `size` events a shard delivered, so a client resuming a little behind is served by its shard and the
 * room's log is read only by one that fell further behind (or after the shard lost its memory).
 */
export class EventRing {
  private events: PublishedEvent[] = [];

  constructor(private readonly size: number) {}

  push(events: Iterable<PublishedEvent>): void {
    for (const e of events) this.events.push(e);
    if (this.events.length > this.size) this.events.splice(0, this.events.length - this.size);
  }

  /** Forgets everything: the next events pushed do not follow the ones held. */
  clear(): void {
    this.events = [];
  }

  /** Every event after `after` up to the newest held, or null when the ring no longer reaches back that far. */
  after(after: number): PublishedEvent[] | null {
    const first = this.events[0]?.sequence_number;
    if (first === undefined || first > after + 1) return null;
    return this.events.filter((e) => e.sequence_number > after);
  }
}

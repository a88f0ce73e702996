const encoder = new TextEncoder();
const KEEPALIVE_MS = 15_000;

/** One event as an SSE frame: its id is the sequence number, so a reconnect's Last-Event-ID resumes after it. */
export const sseFrame = (id: number, text: string) => encoder.encode(`id: ${id}\ndata: ${text}\n\n`);

/**
 * The Server-Sent Events streams an object holds (a match's room, or one of its fan-out shards). Unlike
 * hibernated WebSockets they live in memory, which an open HTTP response keeps awake anyway.
 */
export class SseStreams {
  private readonly writers = new Set<WritableStreamDefaultWriter<Uint8Array>>();
  private keepalive: ReturnType<typeof setInterval> | undefined;

  /** `changed` runs when a stream opens or goes (the object's count of clients moved). */
  constructor(private readonly changed: () => void) {}

  get size(): number {
    return this.writers.size;
  }

  /** A new stream: its opening frames, then the last presence message (if any), then whatever is sent to all. */
  open(opening: Iterable<{ id: number; text: string }>, presence: string | null): Response {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const write = (chunk: Uint8Array) => writer.write(chunk).catch(() => this.drop(writer));
    write(encoder.encode("retry: 1000\n\n"));
    for (const { id, text } of opening) write(sseFrame(id, text));
    if (presence) write(encoder.encode(`data: ${presence}\n\n`));
    this.writers.add(writer);
    // The runtime cancels the body when the client goes: count it gone then, not at the next keep-alive.
    writer.closed.catch(() => this.drop(writer));
    this.changed();
    this.keepalive ??= setInterval(() => this.writeAll(encoder.encode(": keep-alive\n\n")), KEEPALIVE_MS);
    return new Response(readable, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    });
  }

  /** Events, each already serialised as its `event` message. */
  events(events: readonly { sequence_number: number }[], texts: readonly string[]): void {
    if (!this.writers.size) return;
    for (let i = 0; i < events.length; i++) this.writeAll(sseFrame(events[i]!.sequence_number, texts[i]!));
  }

  /** A message with no id: line (presence), so a client's Last-Event-ID stays the last event's sequence number. */
  message(text: string): void {
    if (this.writers.size) this.writeAll(encoder.encode(`data: ${text}\n\n`));
  }

  private writeAll(chunk: Uint8Array) {
    for (const w of this.writers) w.write(chunk).catch(() => this.drop(w));
  }

  private drop(writer: WritableStreamDefaultWriter<Uint8Array>) {
    if (!this.writers.delete(writer)) return;
    this.changed();
    writer.abort().catch(() => {});
    if (this.writers.size === 0 && this.keepalive) {
      clearInterval(this.keepalive);
      this.keepalive = undefined;
    }
  }
}

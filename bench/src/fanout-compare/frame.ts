/** The size of Buzz's `{"type":"event"}` frame for the bench's shot (measured: the client reports Buzz's own). */
export const FRAME_BYTES = 870;

/** A rival's frame for event `seq`: JSON shaped like Buzz's, padded to FRAME_BYTES. */
export function rivalFrame(seq: number): string {
  const head = { type: "event", event: { sequence_number: seq, event_type: "SHOT", pad: "" } };
  const bare = JSON.stringify(head).length;
  head.event.pad = "x".repeat(Math.max(0, FRAME_BYTES - bare));
  return JSON.stringify(head);
}

/** The sequence number of a frame from any contender (Buzz's, a rival's), or null for other messages. */
export function sequenceOf(message: unknown): number | null {
  const msg = (typeof message === "string" ? JSON.parse(message) : message) as {
    type?: string;
    event?: { sequence_number?: number };
  };
  return msg.type === "event" && typeof msg.event?.sequence_number === "number"
    ? msg.event.sequence_number
    : null;
}

import { describe, expect, it } from "vitest";
import { olderAfterNewer, type Push } from "./events.js";

const push = (endpoint: string, tag: string, sequence_number: number, receivedAt: number): Push => ({
  endpoint,
  receivedAt,
  payload: { tag, data: { event_id: `${tag}-${sequence_number}`, sequence_number } },
});

describe("olderAfterNewer", () => {
  it("counts a goal that reaches a fan after its cancellation, per fan and tag", () => {
    expect(
      olderAfterNewer([
        push("a", "goal-1", 5, 10),
        push("a", "goal-1", 9, 20), // its cancellation, after it: fine
        push("b", "goal-1", 9, 11),
        push("b", "goal-1", 5, 12), // the goal after the cancellation: stale
        push("b", "goal-2", 3, 13), // another tag: its own order
      ]),
    ).toBe(1);
  });
});

// placeAmong with the tags route renders: a goal, its amendment and its cancellation share one; periods another.
import { describe, expect, it } from "vitest";
import { placeAmong, type Relative } from "./order.js";

const GOAL = "01968f0e-5a9b-7cc3-8f00-3f2a1b4c5d6e";
const AMENDED = "01968f0e-6000-7000-8000-000000000002";
const CANCELLED = "01968f0e-6000-7000-8000-000000000003";
const relative = (over: Partial<Relative>): Relative => ({
  event_id: GOAL,
  match_id: "wc2018-final",
  status: "delivered",
  sequence_number: 5,
  event_type: "GOAL_SCORED",
  causation_id: null,
  ...over,
});

describe("placeAmong", () => {
  it("finds a goal superseded by its delivered amendment or cancellation (same tag, later in the log)", () => {
    expect(
      placeAmong(`goal-${GOAL}`, 5, [
        relative({ event_id: AMENDED, event_type: "GOAL_AMENDED", causation_id: GOAL, sequence_number: 6 }),
      ]),
    ).toEqual({ superseded: true, behind: [] });
    expect(
      placeAmong(`goal-${GOAL}`, 6, [
        relative({
          event_id: CANCELLED,
          event_type: "GOAL_CANCELLED",
          causation_id: GOAL,
          sequence_number: 9,
        }),
      ]).superseded,
    ).toBe(true);
  });

  it("puts an amendment behind its goal while that one is queued or retrying, not once it is settled", () => {
    const amendment = (status: Relative["status"]) => placeAmong(`goal-${GOAL}`, 6, [relative({ status })]);
    expect(amendment("retrying")).toEqual({ superseded: false, behind: [GOAL] });
    expect(amendment("queued").behind).toEqual([GOAL]);
    expect(amendment("delivered")).toEqual({ superseded: false, behind: [] });
  });

  it("ignores notifications with other tags: another goal, a card, the match status", () => {
    const others = [
      relative({ event_id: AMENDED, sequence_number: 9, status: "delivered" }), // a later goal: its own tag
      relative({ event_id: CANCELLED, event_type: "CARD_SHOWN", sequence_number: 2, status: "retrying" }),
      relative({ event_id: AMENDED, event_type: "PERIOD_ENDED", sequence_number: 8, status: "delivered" }),
    ];
    expect(placeAmong(`goal-${GOAL}`, 5, others)).toEqual({ superseded: false, behind: [] });
  });

  it("orders the match status the same way: a kick-off does not follow half-time onto the phone", () => {
    const halfTime = relative({ event_id: AMENDED, event_type: "PERIOD_ENDED", sequence_number: 20 });
    expect(placeAmong("status-wc2018-final", 1, [halfTime]).superseded).toBe(true);
    expect(placeAmong("status-wc2018-final", 30, [halfTime]).superseded).toBe(false);
  });
});

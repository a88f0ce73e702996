import { describe, expect, it } from "vitest";
import { evaluate, evaluateRooms, type Measures, transition } from "./rules.js";

const calm: Measures = {
  publishDelayP99Ms: 300,
  pushes: { failed: 0, total: 100 },
  deadLetters: 0,
  backlogAgeS: 2,
  unarchived: 0,
};
let n = 0;
const id = () => `alert-${++n}`;

describe("evaluate", () => {
  it("puts each measure against its threshold", () => {
    const e = evaluate(
      {
        publishDelayP99Ms: 2_500,
        pushes: { failed: 6, total: 100 },
        deadLetters: 1,
        backlogAgeS: 61,
        unarchived: 3,
      },
      60,
    );
    expect(Object.values(e).every((r) => r.over)).toBe(true);
    expect(e.push_failure_rate).toEqual({ value: 0.06, threshold: 0.05, over: true });
    expect(Object.values(evaluate(calm, 60)).some((r) => r.over)).toBe(false);
  });

  it("does not call a handful of pushes a failure rate", () => {
    expect(evaluate({ ...calm, pushes: { failed: 5, total: 5 } }, 60).push_failure_rate.over).toBe(false);
    expect(evaluate({ ...calm, pushes: { failed: 5, total: 10 } }, 60).push_failure_rate.over).toBe(true);
  });
});

describe("transition", () => {
  it("fires once, keeps its id and start while firing, resolves once, and fires anew with a new id", () => {
    const hot = evaluate({ ...calm, deadLetters: 2 }, 60);
    const first = transition([], hot, "t1", id);
    expect(first.changed).toEqual([
      { id: "alert-1", rule: "dead_letters_growing", state: "firing", since: "t1", value: 2, threshold: 0 },
    ]);

    const still = transition(first.alerts, evaluate({ ...calm, deadLetters: 5 }, 60), "t2", id);
    expect(still.changed).toEqual([]);
    expect(still.alerts).toEqual([{ ...first.changed[0], value: 5 }]);

    const resolved = transition(still.alerts, evaluate(calm, 60), "t3", id);
    expect(resolved.changed).toEqual([
      { id: "alert-1", rule: "dead_letters_growing", state: "resolved", since: "t3", value: 0, threshold: 0 },
    ]);
    expect(transition(resolved.alerts, evaluate(calm, 60), "t4", id).changed).toEqual([]);

    const again = transition(resolved.alerts, hot, "t5", id);
    expect(again.changed.map((a) => [a.id, a.state])).toEqual([["alert-2", "firing"]]);
  });
});

describe("a rule whose measure could not be taken", () => {
  it("keeps its state, while the rules the rooms decide still move", () => {
    const firing = transition([], evaluate({ ...calm, deadLetters: 1 }, 60), "t1", id).alerts;
    const { alerts, changed } = transition(firing, evaluateRooms(4, 0, 60), "t2", id);
    expect(alerts.find((a) => a.rule === "dead_letters_growing")?.state).toBe("firing");
    expect(changed.map((a) => [a.rule, a.state])).toEqual([["unarchived_events", "firing"]]);
  });
});

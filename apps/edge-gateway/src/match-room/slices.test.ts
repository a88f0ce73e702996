import { describe, expect, it } from "vitest";
import { SlicedBroadcast } from "./slices.js";

/** Sockets are names; what each received, in order; turns are run by hand. */
function harness(slice: number) {
  const open: string[] = [];
  const got = new Map<string, string[]>();
  const begun: number[][] = [];
  let turns: (() => void)[] = [];
  const out = new SlicedBroadcast<number, string>({
    begin: (items) => {
      begun.push(items);
      return { frames: items.map((i) => `e${i}`), sockets: [...open] };
    },
    send: (sockets, frame) => {
      for (const s of sockets) got.set(s, [...(got.get(s) ?? []), frame]);
    },
    schedule: (step) => {
      turns.push(step);
      return () => {
        turns = turns.filter((t) => t !== step);
      };
    },
    slice,
  });
  const join = (...names: string[]) => open.push(...names);
  /** Runs the next scheduled turn. */
  const turn = () => turns.shift()!();
  /** Runs scheduled turns until none is left; how many ran. */
  const runTurns = () => {
    let n = 0;
    while (turns.length) {
      turns.shift()!();
      n++;
    }
    return n;
  };
  return { out, got, begun, join, turn, runTurns, pendingTurns: () => turns.length };
}

describe("SlicedBroadcast", () => {
  it("writes a batch a slice of sockets per turn, every frame in order", () => {
    const h = harness(2);
    h.join("a", "b", "c", "d", "e");
    h.out.enqueue([1, 2]);
    h.out.soon();
    h.out.soon(); // one step scheduled at a time
    expect(h.pendingTurns()).toBe(1);
    expect(h.runTurns()).toBe(3);
    for (const s of ["a", "b", "c", "d", "e"]) expect(h.got.get(s)).toEqual(["e1", "e2"]);
    expect(h.out.size()).toBe(0);
  });

  it("starts a batch queued mid-broadcast only once the one in flight reached every socket", () => {
    const h = harness(2);
    h.join("a", "b", "c", "d");
    h.out.enqueue([1]);
    h.out.soon();
    h.turn(); // a and b get e1, then batch 2 arrives
    expect(h.got.get("c")).toBeUndefined();
    h.out.enqueue([2]);
    expect(h.begun).toEqual([[1]]);
    h.runTurns();
    expect(h.begun).toEqual([[1], [2]]);
    for (const s of ["a", "b", "c", "d"]) expect(h.got.get(s)).toEqual(["e1", "e2"]);
  });

  it("now() finishes the batch in flight and the queued ones, and cancels the pending turn", () => {
    const h = harness(1);
    h.join("a", "b", "c");
    h.out.enqueue([1]);
    h.out.soon();
    h.turn(); // a gets e1
    h.out.enqueue([2, 3]);
    h.out.soon();
    h.out.now();
    expect(h.pendingTurns()).toBe(0);
    expect(h.out.size()).toBe(0);
    for (const s of ["a", "b", "c"]) expect(h.got.get(s)).toEqual(["e1", "e2", "e3"]);
  });

  it("does not send a batch already started to a socket that joined after it started", () => {
    const h = harness(1);
    h.join("a", "b");
    h.out.enqueue([1]);
    h.out.soon();
    h.turn();
    expect(h.got.get("a")).toEqual(["e1"]);
    expect(h.got.get("b")).toBeUndefined();
    // A client joins: the room flushes first, as openWebSocket does.
    h.out.enqueue([2]);
    h.out.now();
    h.join("late");
    h.out.enqueue([3]);
    h.out.soon();
    h.runTurns();
    expect(h.got.get("b")).toEqual(["e1", "e2", "e3"]);
    expect(h.got.get("late")).toEqual(["e3"]);
  });

  it("a batch with no sockets completes at once", () => {
    const h = harness(100);
    h.out.enqueue([1]);
    h.out.soon();
    expect(h.runTurns()).toBe(1);
    expect(h.out.size()).toBe(0);
    expect(h.begun).toEqual([[1]]);
  });
});

import type { PublishedEvent } from "@buzz/schema/contract";
import { describe, expect, it } from "vitest";
import { admit, parseShardName, pickShard, shardName, shardThreshold } from "./order.js";
import { EventRing } from "./ring.js";

const events = (...seqs: number[]) => seqs.map((sequence_number) => ({ sequence_number }) as PublishedEvent);
const seqs = (list: PublishedEvent[] | null) => list?.map((e) => e.sequence_number) ?? null;

describe("admit", () => {
  it("passes the next events on", () => {
    expect(admit(3, events(4, 5))).toEqual({ fresh: events(4, 5), missingAfter: null });
  });

  it("drops what the sockets were already sent", () => {
    expect(admit(4, events(3, 4, 5))).toEqual({ fresh: events(5), missingAfter: null });
    expect(admit(5, events(4, 5))).toEqual({ fresh: [], missingAfter: null });
  });

  it("names the gap when a batch starts past the next number", () => {
    expect(admit(2, events(5, 6))).toEqual({ fresh: events(5, 6), missingAfter: 2 });
  });
});

describe("pickShard", () => {
  it("opens the first shard, then fills the least loaded one with room, then opens the next", () => {
    expect(pickShard([], 2)).toBe(0);
    expect(pickShard([1], 2)).toBe(0);
    expect(pickShard([2], 2)).toBe(1);
    expect(pickShard([2, 1, 0], 2)).toBe(2);
    expect(pickShard([2, 2, 2], 2)).toBe(3);
  });
});

describe("shard names and threshold", () => {
  it("round-trips a match id, even one that contains the separator", () => {
    expect(parseShardName(shardName("wc2018-64", 3))).toEqual({ matchId: "wc2018-64", k: 3 });
    expect(parseShardName(shardName("a:live:b", 0))).toEqual({ matchId: "a:live:b", k: 0 });
    expect(() => parseShardName("wc2018-64")).toThrow();
  });

  it("never shards without a positive whole number", () => {
    expect(shardThreshold("2")).toBe(2);
    for (const v of [undefined, "", "0", "-1", "x", "1.5"]) expect(shardThreshold(v)).toBe(Infinity);
  });
});

describe("EventRing", () => {
  it("serves what it holds after a sequence, and nothing it no longer holds", () => {
    const ring = new EventRing(3);
    expect(ring.after(0)).toBeNull();
    ring.push(events(1, 2));
    ring.push(events(3, 4));
    expect(seqs(ring.after(1))).toEqual([2, 3, 4]);
    expect(seqs(ring.after(4))).toEqual([]);
    expect(ring.after(0)).toBeNull();
  });
});

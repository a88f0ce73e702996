// A smoke of the comparison harness (behaviour only, no timing): every contender's every event reaches every
// socket of every client process, and the figures the tables are built from are there.

import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Contender, startBuzz, startRival } from "./contenders.js";
import { runOne } from "./run.js";
import { printTable } from "./table.js";

const contenders: Contender[] = [];
afterAll(async () => {
  for (const c of contenders) await c.stop();
});

describe("fan-out comparison harness", () => {
  it("delivers each event to all sockets of Buzz, Socket.IO and the ws floor, and tabulates them", {
    timeout: 180_000,
  }, async () => {
    contenders.push(await startBuzz(join(tmpdir(), `buzz-bench-smoke-${process.pid}.log`)));
    contenders.push(await startRival("socketio"), await startRival("ws"));
    const runs = [];
    for (const contender of contenders) runs.push(await runOne(contender, 12, 3, 1, 2));
    for (const run of runs) {
      expect(run.missing, run.contender).toBe(0);
      expect(run.last.n, run.contender).toBe(3);
      expect(run.frameBytes, run.contender).toBeGreaterThan(500);
    }
    const table = printTable(12, runs);
    expect(table.rows.map((r) => r.contender)).toEqual(["buzz", "socketio", "ws"]);
  });
});

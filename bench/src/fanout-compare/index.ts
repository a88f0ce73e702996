// `npm run bench:fanout -w @buzz/bench`: ingest → the last of N WebSocket clients, Buzz (workerd, one match's
// room) beside a Socket.IO room broadcast and a raw `ws` loop (the floor), same client harness, same frame size,
// interleaved round by round so load drift hits all three. Clients run in BENCH_FANOUT_CLIENTS processes.
// N=1 is the baseline the ack is compared with: the source's 202 with N sockets listening ÷ with one.
//   BENCH_FANOUT_N=1,1000,5000,10000 BENCH_FANOUT_EVENTS=20 BENCH_FANOUT_ROUNDS=2 BENCH_FANOUT_CLIENTS=2
import { cpus } from "node:os";
import { join } from "node:path";
import { RESULTS, saveResult } from "../results.js";
import { type Contender, startBuzz, startRival } from "./contenders.js";
import { type RunResult, runOne } from "./run.js";
import { chart } from "./svg.js";
import { printTable } from "./table.js";

const ints = (name: string, fallback: string) => {
  const values = (process.env[name] ?? fallback).split(",").map(Number);
  if (!values.every((v) => Number.isInteger(v) && v > 0))
    throw new Error(`${name}: positive integers, comma-separated`);
  return values;
};
const [events] = ints("BENCH_FANOUT_EVENTS", "20") as [number];
const [rounds] = ints("BENCH_FANOUT_ROUNDS", "2") as [number];
const [processes] = ints("BENCH_FANOUT_CLIENTS", "2") as [number];
const sizes = ints("BENCH_FANOUT_N", "1,1000,5000,10000");
const WARMUP = 3;

console.log("bench:fanout: starting the local stack and the rival servers…");
const buzz = await startBuzz(join(RESULTS, "wrangler-fanout.log"));
const contenders: Contender[] = [buzz, await startRival("socketio"), await startRival("ws")];
console.log(
  `bench:fanout: Buzz through ${buzz.via} · node ${process.version} · ${cpus().length} cores · ${processes} client processes`,
);

const results: RunResult[] = [];
try {
  for (const sockets of sizes)
    for (let round = 0; round < rounds; round++)
      // Each round starts with a different contender, so none always runs first (on a cold machine) or last.
      for (let k = 0; k < contenders.length; k++) {
        const contender = contenders[(k + round) % contenders.length]!;
        process.stdout.write(`  N=${sockets} round ${round + 1}/${rounds}: ${contender.name}… `);
        const result = await runOne(contender, sockets, events, WARMUP, processes);
        console.log(`last p50 ${result.last.p50.toFixed(1)} ms`);
        results.push(result);
      }
} finally {
  for (const c of contenders) await c.stop();
}

const tables = sizes.map((sockets) =>
  printTable(
    sockets,
    results.filter((r) => r.sockets === sockets),
  ),
);
const alone = tables.find((t) => t.sockets === 1);
if (alone)
  for (const t of tables.filter((t) => t !== alone))
    console.log(
      `ack p50 with ${t.sockets} sockets ÷ with 1: ${t.rows
        .map((r) => {
          const one = alone.rows.find((a) => a.contender === r.contender)?.ackP50;
          return `${r.contender} ${one ? (r.ackP50 / one).toFixed(2) : "—"}×`;
        })
        .join(", ")}`,
    );
const config = { sizes, events, rounds, processes, warmup: WARMUP, via: buzz.via };
const file = saveResult("fanout", { config, tables, results }, { ext: "svg", text: chart(tables) });
console.log(`\nbench:fanout: results written to ${file} and an SVG chart beside it`);

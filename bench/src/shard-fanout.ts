// `npm run bench:shard-fanout -w @buzz/bench`: ingest → the last of N WebSockets on one match, with the sockets in
// the match's room (today's path) beside the same sockets spread over fan-out shards (LIVE_SHARD_SOCKETS = N /
// BENCH_SHARDS), each setting on a local stack of its own, in turn. Locally every object shares one workerd process
// and its thread, so this shows what the extra hop (room → shard RPC) costs; the gain sharding exists for (each
// object's CPU and socket limit, spread over machines) cannot show on one machine.
//   BENCH_SOCKETS=1000 BENCH_SHARDS=4 BENCH_FANOUT_EVENTS=50
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEV_VARS, startStack } from "@buzz/dev-stack";
import { positiveInt } from "./env.js";
import { printComparison } from "./stats.js";
import { type FanoutRun, runFanout } from "./ws-fanout.js";

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "..", "results");
const sockets = positiveInt("BENCH_SOCKETS", 1000);
const shards = positiveInt("BENCH_SHARDS", 4);
const events = positiveInt("BENCH_FANOUT_EVENTS", 50);
const perObject = Math.ceil(sockets / (shards + 1));

async function onStack(vars: Record<string, string>): Promise<FanoutRun> {
  const stack = await startStack({
    vars: { ...DEV_VARS, ...vars },
    logLevel: "warn",
    logFile: join(RESULTS, "wrangler.log"),
    quiet: true,
  });
  try {
    return await runFanout(stack.baseUrl, sockets, events, 5);
  } finally {
    await stack.stop();
  }
}

mkdirSync(RESULTS, { recursive: true });
console.log(
  `bench: ${sockets} sockets, ${events} events · ${cpus().length} cores (${cpus()[0]?.model ?? "?"})`,
);
const single = await onStack({});
// The room keeps `perObject` sockets and each shard as many: the room plus `shards` shards hold them all.
const sharded = await onStack({ LIVE_SHARD_SOCKETS: String(perObject) });
const label = `${shards} shards + room, ${perObject} sockets each`;
printComparison(
  `Ingest → the LAST of ${sockets} sockets has the event`,
  { name: label, summary: sharded.lastSocket },
  { name: "one room holds all", summary: single.lastSocket },
);
printComparison(
  `Ingest → every receipt (${sockets} sockets)`,
  { name: label, summary: sharded.receipt },
  { name: "one room holds all", summary: single.receipt },
);
printComparison(
  "Ingest ack",
  { name: label, summary: sharded.ack },
  { name: "one room holds all", summary: single.ack },
);
if (single.missing || sharded.missing)
  console.log(`\n!! receipts missing after 30 s: ${sharded.missing} (sharded), ${single.missing} (one room)`);
const file = join(RESULTS, `shard-fanout-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(
  file,
  JSON.stringify({ at: new Date().toISOString(), sockets, shards, events, single, sharded }, null, 2),
);
console.log(`\nbench: results written to ${file}`);

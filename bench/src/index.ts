// `npm run bench`: starts its own local stack (the same launcher as `npm start`), runs the benches
// in turn, prints tables and writes bench/results/<timestamp>.json. Loopback only, bounded loops.
//   tsx src/index.ts [ingest] [fanout]   BENCH_INGEST_N=1000 BENCH_SOCKETS=1000 BENCH_FANOUT_EVENTS=50
//   tsx src/index.ts web-size             the dashboard's production bundle (needs no stack, but runs inside this one)
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEV_VARS, startStack } from "@buzz/dev-stack";
import { positiveInt } from "./env.js";
import { benchIngestLatency } from "./ingest-latency.js";
import { benchWebSize } from "./web-size.js";
import { benchWsFanout } from "./ws-fanout.js";

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "..", "results");

const config = {
  ingestN: positiveInt("BENCH_INGEST_N", 1000),
  sockets: positiveInt("BENCH_SOCKETS", 1000),
  fanoutEvents: positiveInt("BENCH_FANOUT_EVENTS", 50),
};
const wanted = process.argv.slice(2);
const runs = (name: string) => wanted.length === 0 || wanted.includes(name);

mkdirSync(RESULTS, { recursive: true });
console.log("bench: starting the local stack…");
const stack = await startStack({
  vars: { ...DEV_VARS },
  logLevel: "warn",
  logFile: join(RESULTS, "wrangler.log"),
  quiet: true,
});
const stopAndExit = (code: number) => void stack.stop().then(() => process.exit(code));
process.once("SIGINT", () => stopAndExit(130));
process.once("SIGTERM", () => stopAndExit(143));
console.log(
  `bench: stack at ${stack.baseUrl} · node ${process.version} · ${cpus().length} cores (${cpus()[0]?.model ?? "?"})`,
);

const results: Record<string, unknown> = {};
try {
  if (runs("ingest")) results.ingest = await benchIngestLatency(stack.baseUrl, config.ingestN);
  if (runs("fanout"))
    results.fanout = await benchWsFanout(stack.baseUrl, config.sockets, config.fanoutEvents);
  if (runs("web-size")) results.webSize = await benchWebSize();
} catch (err) {
  console.error(`bench failed: ${err instanceof Error ? err.stack : err}`);
  await stack.stop();
  process.exit(1);
}
await stack.stop();

const file = join(RESULTS, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(
  file,
  JSON.stringify(
    { at: new Date().toISOString(), node: process.version, cores: cpus().length, config, results },
    null,
    2,
  ),
);
console.log(`\nbench: results written to ${file}`);

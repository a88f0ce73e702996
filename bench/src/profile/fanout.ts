// Where the room's CPU goes while it broadcasts: BENCH_SOCKETS (2 000) sockets on one match, BENCH_FANOUT_EVENTS
// (30) events posted one after the other (each once every socket has the previous one), with the V8 sampling
// profiler of the gateway's isolate on (DevTools protocol through wrangler's inspector port, 50 µs interval).
//   npm run bench:profile-fanout -w @buzz/bench
// Prints self time per function and saves the profile (bench/results/profile-fanout-<time>.cpuprofile, opens in
// Chrome DevTools). "(program)" is time in the runtime's own C++ (workerd writing frames), which JS cannot change.
// The clients run in this process and share the 2 cores with workerd: the wall time is an upper bound.
import { writeFileSync } from "node:fs";
import { DEV_VARS, startStack } from "@buzz/dev-stack";
import { createLiveMatch, postEvent, shotBody } from "../client.js";
import { positiveInt } from "../env.js";
import { saveResult } from "../results.js";
import { openSockets } from "../ws-fanout.js";
import { inspect, selfTimes } from "./cdp.js";

const SOCKETS = positiveInt("BENCH_SOCKETS", 2_000);
const EVENTS = positiveInt("BENCH_FANOUT_EVENTS", 30);

const stack = await startStack({ vars: { ...DEV_VARS }, quiet: true, logLevel: "warn" });
try {
  const matchId = await createLiveMatch(stack.baseUrl, "profile");
  let received = 0;
  const sockets = await openSockets(stack.baseUrl, matchId, SOCKETS, () => received++);
  const inspector = await inspect(stack.inspectorPort);
  await inspector.call("Profiler.enable");
  await inspector.call("Profiler.setSamplingInterval", { interval: 50 });
  await inspector.call("Profiler.start");
  const started = Date.now();
  for (let i = 0; i < EVENTS; i++) {
    await postEvent(stack.baseUrl, matchId, shotBody(i));
    while (received < (i + 1) * SOCKETS) await new Promise((r) => setTimeout(r, 1));
  }
  const wallMs = Date.now() - started;
  const { profile } = await inspector.call("Profiler.stop");
  inspector.close();
  for (const ws of sockets) ws.terminate();

  const { total, rows } = selfTimes(profile);
  const busy = total - rows.filter(([k]) => k === "(idle)").reduce((s, [, ms]) => s + ms, 0);
  const perSend = (ms: number) => `${((ms * 1000) / (SOCKETS * EVENTS)).toFixed(2)} µs/send`;
  console.log(
    `\n${EVENTS} events × ${SOCKETS} sockets: wall ${wallMs} ms; isolate busy ${busy.toFixed(0)} ms = ${perSend(busy)}`,
  );
  for (const [fn, ms] of rows.slice(0, 15))
    console.log(
      `${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${perSend(ms).padStart(14)}  ${fn}`,
    );
  const file = saveResult("profile-fanout", {
    sockets: SOCKETS,
    events: EVENTS,
    wall_ms: wallMs,
    busy_ms: busy,
    top: rows.slice(0, 30).map(([fn, ms]) => ({ fn, ms })),
  });
  writeFileSync(file.replace(/\.json$/, ".cpuprofile"), JSON.stringify(profile));
  console.log(`saved ${file} and its .cpuprofile`);
} finally {
  await stack.stop();
}

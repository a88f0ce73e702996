import type { ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { type Summary, summarize } from "../stats.js";
import { type Contender, forkTs } from "./contenders.js";
import { cpuDelta, treeCpu } from "./cpu.js";
import type { ClientReport, OpenOrder } from "./fan-client.js";

export interface RunResult {
  contender: string;
  sockets: number;
  /** Per event: from starting the ingest until the last socket had it. */
  last: Summary;
  ack: Summary;
  /** Server CPU per socket per event, µs, by process name (workerd, node…). */
  cpuUsPerSocketEvent: Record<string, number>;
  missing: number;
  frameBytes: number;
}

const now = () => performance.timeOrigin + performance.now();

async function openClients(order: OpenOrder, processes: number): Promise<ChildProcess[]> {
  const children = Array.from({ length: processes }, () => forkTs("./fan-client.ts"));
  await Promise.all(
    children.map((child, k) => {
      const share = Math.floor(order.count / processes) + (k < order.count % processes ? 1 : 0);
      return new Promise<void>((resolve, reject) => {
        const onMessage = (m: ClientReport) => {
          if (m.t === "opened") resolve();
          if (m.t === "error") reject(new Error(`client ${k}: ${m.message}`));
        };
        child.on("message", onMessage);
        child.send({ ...order, count: share } satisfies OpenOrder);
      });
    }),
  );
  return children;
}

/** `events` events into one fresh room with `sockets` sockets spread over `processes` client processes. */
export async function runOne(
  contender: Contender,
  sockets: number,
  events: number,
  warmup: number,
  processes: number,
): Promise<RunResult> {
  const room = await contender.room();
  const children = await openClients(
    { kind: contender.name, url: room.url, count: sockets },
    Math.min(processes, sockets),
  );
  const lastAt = new Map<number, { left: number; at: number; done: () => void }>();
  for (const child of children)
    child.on("message", (m: ClientReport) => {
      if (m.t !== "all") return;
      const wait = lastAt.get(m.seq);
      if (!wait) return;
      wait.at = Math.max(wait.at, m.at);
      if (--wait.left === 0) wait.done();
    });

  const last: number[] = [];
  const ack: number[] = [];
  let missing = 0;
  let cpuBefore = treeCpu(contender.pid);
  for (let i = 0; i < warmup + events; i++) {
    if (i === warmup) cpuBefore = treeCpu(contender.pid);
    const seq = room.seq(i);
    const all = new Promise<boolean>((resolve) => {
      lastAt.set(seq, { left: children.length, at: 0, done: () => resolve(true) });
      setTimeout(() => resolve(false), 30_000).unref();
    });
    const t0 = now();
    await contender.emit(i);
    const acked = now();
    const complete = await all;
    if (i < warmup) continue;
    ack.push(acked - t0);
    if (complete) last.push(lastAt.get(seq)!.at - t0);
    else missing++;
  }
  const cpu = cpuDelta(cpuBefore, treeCpu(contender.pid));
  const frameBytes = await closeClients(children);
  const perSocketEvent: Record<string, number> = {};
  for (const [comm, ms] of Object.entries(cpu))
    if (ms > 0) perSocketEvent[comm] = (ms * 1000) / (sockets * events);
  return {
    contender: contender.name,
    sockets,
    last: summarize(last),
    ack: summarize(ack),
    cpuUsPerSocketEvent: perSocketEvent,
    missing,
    frameBytes,
  };
}

async function closeClients(children: ChildProcess[]): Promise<number> {
  const sizes = await Promise.all(
    children.map(
      (child) =>
        new Promise<number>((resolve) => {
          child.on("message", (m: ClientReport) => m.t === "closed" && resolve(m.frameBytes));
          child.once("exit", () => resolve(0));
          child.send("close");
        }),
    ),
  );
  return Math.max(...sizes);
}

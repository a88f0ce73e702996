// One client process of the fan-out comparison: opens its share of the sockets to one contender, and reports to
// the parent (IPC) the moment the LAST of its sockets has each event. Clients live in processes of their own so
// their JSON parsing is not the orchestrator's; on 2 cores they still compete with the server for CPU.
import { performance } from "node:perf_hooks";
import { io } from "socket.io-client";
import WebSocket from "ws";
import { sequenceOf } from "./frame.js";

export interface OpenOrder {
  kind: "buzz" | "socketio" | "ws";
  url: string;
  count: number;
}
export type ClientReport =
  | { t: "opened" }
  | { t: "closed"; frameBytes: number }
  | { t: "all"; seq: number; at: number }
  | { t: "error"; message: string };

const send = (report: ClientReport) => process.send?.(report);
const now = () => performance.timeOrigin + performance.now();
const received = new Map<number, number>();
const closers: (() => void)[] = [];
let count = 0;
let frameBytes = 0;

function onFrame(message: unknown, bytes: number) {
  const seq = sequenceOf(message);
  if (seq === null) return;
  frameBytes = bytes;
  const got = (received.get(seq) ?? 0) + 1;
  received.set(seq, got);
  if (got === count) send({ t: "all", seq, at: now() });
}

function openOne(order: OpenOrder): Promise<void> {
  return new Promise((resolve, reject) => {
    if (order.kind === "socketio") {
      const socket = io(order.url, { transports: ["websocket"], forceNew: true, reconnection: false });
      closers.push(() => socket.close());
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
      socket.on("event", (payload: unknown) => onFrame(payload, JSON.stringify(payload).length));
      return;
    }
    const ws = new WebSocket(order.url, { perMessageDeflate: false });
    closers.push(() => ws.terminate());
    ws.once("error", reject);
    // Buzz's socket opens with its snapshot; a rival's is ready once open.
    if (order.kind === "ws") ws.once("open", () => resolve());
    ws.on("message", (data: Buffer) => {
      const text = String(data);
      if (order.kind === "buzz" && text.startsWith('{"type":"snapshot"')) resolve();
      onFrame(text, data.length);
    });
  });
}

process.on("message", async (order: OpenOrder | "close") => {
  if (order === "close") {
    for (const close of closers) close();
    process.send?.({ t: "closed", frameBytes } satisfies ClientReport, () => process.exit(0));
    return;
  }
  try {
    count = order.count;
    // Batches of 100: a burst of thousands of handshakes overflows the listen backlog.
    for (let start = 0; start < order.count; start += 100)
      await Promise.all(Array.from({ length: Math.min(100, order.count - start) }, () => openOne(order)));
    send({ t: "opened" });
  } catch (err) {
    send({ t: "error", message: err instanceof Error ? err.message : String(err) });
  }
});

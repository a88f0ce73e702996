import { performance } from "node:perf_hooks";
import WebSocket from "ws";
import { createLiveMatch, postEvent, shotBody } from "./client.js";
import { printComparison, type Summary, summarize } from "./stats.js";

export interface FanoutRun {
  receipt: Summary;
  /** Per event: until the LAST socket had it. */
  lastSocket: Summary;
  ack: Summary;
  missing: number;
}

/** Opens `count` sockets on /live (no `after`: each starts with its snapshot) and waits for every snapshot. Also used by profile/fanout.ts. */
export async function openSockets(
  baseUrl: string,
  matchId: string,
  count: number,
  onEvent: (seq: number) => void,
): Promise<WebSocket[]> {
  const url = `${baseUrl.replace(/^http/, "ws")}/v1/matches/${matchId}/live`;
  const sockets: WebSocket[] = [];
  const batch = 100; // a burst of 1 000 handshakes at once overflows the listen backlog on some kernels
  for (let start = 0; start < count; start += batch) {
    const opened = Array.from({ length: Math.min(batch, count - start) }, () => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      sockets.push(ws);
      return new Promise<void>((resolve, reject) => {
        ws.once("error", reject);
        ws.on("message", (data) => {
          const msg = JSON.parse(String(data));
          if (msg.type === "snapshot") resolve();
          else if (msg.type === "event") onEvent(msg.event.sequence_number);
        });
      });
    });
    await Promise.all(opened);
  }
  return sockets;
}

/**
 * Each event is posted only once every socket has the previous one, so runs never overlap: a sample is
 * the time from starting the POST to one socket's receipt of that event.
 */
/** Exported for shard-fanout.ts, which runs it against two stacks. */
export async function runFanout(
  baseUrl: string,
  sockets: number,
  events: number,
  warmup: number,
): Promise<FanoutRun> {
  const matchId = await createLiveMatch(baseUrl, `fanout${sockets}`);
  const sentAt = new Map<number, number>();
  const receivedCount = new Map<number, number>();
  const receipt: number[] = [];
  const lastSocket: number[] = [];
  const ack: number[] = [];
  let waiting: { seq: number; resolve: () => void } | null = null;
  let measuring = false;

  const onEvent = (seq: number) => {
    const now = performance.now();
    const t0 = sentAt.get(seq);
    if (t0 === undefined) return; // the PERIOD_STARTED that opened the match
    const got = (receivedCount.get(seq) ?? 0) + 1;
    receivedCount.set(seq, got);
    if (measuring) receipt.push(now - t0);
    if (got === sockets && waiting?.seq === seq) {
      if (measuring) lastSocket.push(now - t0);
      waiting.resolve();
    }
  };
  const open = await openSockets(baseUrl, matchId, sockets, onEvent);

  let missing = 0;
  for (let i = 0; i < warmup + events; i++) {
    measuring = i >= warmup;
    const body = shotBody(i);
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    const t0 = performance.now();
    const acked = postEvent(baseUrl, matchId, body);
    // The event's number is only known from the ack, but a socket may have it before the ack: the
    // log is contiguous and nothing else writes to this match, so it is the next one.
    const seq = 2 + i;
    sentAt.set(seq, t0);
    waiting = { seq, resolve };
    if ((receivedCount.get(seq) ?? 0) === sockets) resolve();
    const result = await acked;
    if (measuring) ack.push(performance.now() - t0);
    if (result.results[0].sequence_number !== seq)
      throw new Error(`expected sequence ${seq}, got ${JSON.stringify(result)}`);
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 30_000).unref());
    if ((await Promise.race([promise, timeout])) === "timeout")
      missing += sockets - (receivedCount.get(seq) ?? 0);
  }
  open.forEach((ws) => {
    ws.terminate();
  });
  return { receipt: summarize(receipt), lastSocket: summarize(lastSocket), ack: summarize(ack), missing };
}

export interface WsFanoutResult {
  many: FanoutRun & { sockets: number };
  one: FanoutRun & { sockets: number };
}

/** Ingest → WebSocket receipt with `sockets` connected clients on one match, beside the same with 1. */
export async function benchWsFanout(
  baseUrl: string,
  sockets: number,
  events: number,
  warmup = 5,
): Promise<WsFanoutResult> {
  const one = await runFanout(baseUrl, 1, events, warmup);
  const many = await runFanout(baseUrl, sockets, events, warmup);
  const title = `Ingest → WebSocket receipt — one match, ${events} events (after ${warmup} warm-up), sockets in this process`;
  printComparison(
    title,
    { name: `${sockets} sockets: every receipt`, summary: many.receipt },
    { name: "baseline: 1 socket", summary: one.receipt },
  );
  printComparison(
    `Ingest → the LAST of ${sockets} sockets has the event`,
    { name: `${sockets} sockets: last receipt`, summary: many.lastSocket },
    { name: "baseline: 1 socket", summary: one.lastSocket },
  );
  printComparison(
    `Ingest ack while ${sockets} sockets listen`,
    { name: `ack, ${sockets} sockets`, summary: many.ack },
    { name: "ack, 1 socket", summary: one.ack },
  );
  if (many.missing || one.missing)
    console.log(
      `\n!! receipts missing after 30 s: ${many.missing} (${sockets} sockets), ${one.missing} (1 socket)`,
    );
  return { many: { ...many, sockets }, one: { ...one, sockets: 1 } };
}

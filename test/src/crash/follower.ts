// A live client as a fan app would be one, without the SDK's duplicate filter: it resumes with ?after= the last
// sequence it saw after every lost connection, and records every event frame it receives, so a test can see a
// repeat or a gap that the SDK would hide.
import WebSocket from "ws";
import { sleep } from "../wait.js";

export interface Follower {
  /** Sequence numbers of every event frame received, in arrival order (duplicates included). */
  sequences(): number[];
  /** Connections opened (the first one included). */
  connections(): number;
  until(lastSequence: number, timeoutMs?: number): Promise<void>;
  stop(): void;
}

export function follow(baseUrl: string, matchId: string): Follower {
  const seen: number[] = [];
  let opened = 0;
  let stopped = false;
  let socket: WebSocket | undefined;
  const last = () => seen.at(-1) ?? 0;

  const connect = async () => {
    while (!stopped) {
      const url = `${baseUrl.replace(/^http/, "ws")}/v1/matches/${encodeURIComponent(matchId)}/live?after=${last()}`;
      await new Promise<void>((done) => {
        const ws = new WebSocket(url);
        socket = ws;
        ws.on("open", () => opened++);
        ws.on("message", (data) => {
          const msg = JSON.parse(String(data));
          if (msg.type === "event") seen.push(msg.event.sequence_number);
        });
        ws.on("error", () => {}); // a refused or cut connection ends in close
        ws.on("close", () => done());
      });
      if (!stopped) await sleep(250);
    }
  };
  void connect();

  return {
    sequences: () => [...seen],
    connections: () => opened,
    async until(lastSequence, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (last() < lastSequence) {
        if (Date.now() > deadline) throw new Error(`follower stuck at ${last()}, expected ${lastSequence}`);
        await sleep(100);
      }
    },
    stop() {
      stopped = true;
      socket?.terminate();
    },
  };
}

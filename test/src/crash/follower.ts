// A live client as a fan app would be one, without the SDK's duplicate filter: it resumes with ?after= the last
// sequence it saw after every lost connection, and records every event frame it receives, so a test can see a
// repeat or a gap that the SDK would hide. Like the SDK (partysocket's connect timeout, heartbeats), it gives up on
// a handshake or a socket that stays silent: a runtime killed mid-handshake can leave either hanging forever.
import WebSocket from "ws";
import { sleep } from "../wait.js";

const HANDSHAKE_TIMEOUT_MS = 5_000;
/** The room answers a ping with a pong (an auto-response, even while it hibernates): silence means a dead socket. */
const PING_EVERY_MS = 2_000;
const SILENT_MS = 6_000;

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
  // Where the socket is and since when, how often a silent one was given up, how many connections were tried and
  // why the last one failed, for a failure's message.
  let state = "connecting";
  let since = Date.now();
  let givenUp = 0;
  let attempts = 0;
  let lastError = "none";
  const enter = (s: string) => {
    state = s;
    since = Date.now();
  };
  const last = () => seen.at(-1) ?? 0;

  const connect = async () => {
    while (!stopped) {
      const url = `${baseUrl.replace(/^http/, "ws")}/v1/matches/${encodeURIComponent(matchId)}/live?after=${last()}`;
      await new Promise<void>((done) => {
        const ws = new WebSocket(url, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS });
        socket = ws;
        attempts++;
        enter(`connecting after=${last()}`);
        let heard = Date.now();
        let heartbeat: ReturnType<typeof setInterval> | undefined;
        ws.on("open", () => {
          opened++;
          heard = Date.now();
          enter("open");
          heartbeat = setInterval(() => {
            if (ws.readyState !== WebSocket.OPEN) return;
            if (Date.now() - heard <= SILENT_MS) return ws.send(JSON.stringify({ type: "ping" }));
            givenUp++;
            ws.terminate();
          }, PING_EVERY_MS);
        });
        ws.on("message", (data) => {
          heard = Date.now();
          const msg = JSON.parse(String(data));
          if (msg.type === "event") seen.push(msg.event.sequence_number);
        });
        // A refused, cut or timed-out connection ends in close; an answer other than 101 says why.
        let answered: string | undefined;
        ws.on("error", (err) => {
          lastError = answered ?? err.message;
        });
        ws.on("unexpected-response", (_req, res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => {
            body += chunk;
          });
          res.on("end", () => {
            answered = `HTTP ${res.statusCode}: ${body.slice(0, 200)}`;
            lastError = answered;
            ws.terminate();
          });
        });
        ws.on("close", (code) => {
          clearInterval(heartbeat);
          enter(`closed ${code}`);
          done();
        });
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
        if (Date.now() > deadline)
          throw new Error(
            `follower stuck at ${last()}, expected ${lastSequence}: its socket ${state} for ${Date.now() - since} ms, ` +
              `${attempts} tried, ${opened} opened, ${givenUp} given up silent, last error: ${lastError}`,
          );
        await sleep(100);
      }
    },
    stop() {
      stopped = true;
      socket?.terminate();
    },
  };
}

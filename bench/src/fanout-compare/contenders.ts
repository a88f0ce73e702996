import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DEV_VARS, type Stack, startStack } from "@buzz/dev-stack";
import { createLiveMatch, postEvent, shotBody } from "../client.js";

export interface Contender {
  name: "buzz" | "socketio" | "ws";
  /** The process whose tree's CPU is the server's cost. */
  pid: number;
  /** Prepares a fresh room and returns the URL clients connect to, and the sequence number of event i. */
  room(): Promise<{ url: string; seq: (i: number) => number }>;
  /** Ingests event i the way this contender's source would, resolving with its ack. */
  emit(i: number): Promise<void>;
  stop(): Promise<void>;
}

export const forkTs = (file: string, args: string[] = []): ChildProcess =>
  fork(fileURLToPath(new URL(file, import.meta.url)), args, { execArgv: ["--import", "tsx"] });

export async function startRival(kind: "socketio" | "ws"): Promise<Contender> {
  const child = forkTs("./rival-server.ts", [kind]);
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { port: number }) => resolve(m.port));
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  const base = `127.0.0.1:${port}`;
  return {
    name: kind,
    pid: child.pid!,
    room: async () => ({ url: kind === "ws" ? `ws://${base}` : `http://${base}`, seq: (i) => i + 1 }),
    emit: async (i) => {
      const res = await fetch(`http://${base}/emit?seq=${i + 1}`, { method: "POST" });
      if (res.status !== 202) throw new Error(`${kind} emit: HTTP ${res.status}`);
    },
    stop: async () => void child.kill(),
  };
}

/**
 * The port workerd itself serves the gateway on, behind wrangler's local proxy. Production has no such proxy, and
 * through it each socket costs two more descriptors and a hop, so the bench connects here; found by asking each
 * port a workerd of the stack listens on for /v1/health.
 */
async function workerdEntry(stack: Stack): Promise<number | null> {
  const listening = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" }).split("\n");
  const ports = listening
    .filter((line) => line.includes('"workerd"'))
    .map((line) => Number(line.split(/\s+/)[3]?.split(":").pop()))
    .filter((p) => p && p !== stack.port && p !== stack.inspectorPort);
  for (const port of ports) {
    const ok = await fetch(`http://127.0.0.1:${port}/v1/health`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok && r.headers.get("content-type")?.includes("json"))
      .catch(() => false);
    if (ok) return port;
  }
  return null;
}

export async function startBuzz(logFile: string): Promise<Contender & { via: string }> {
  const stack = await startStack({
    vars: { ...DEV_VARS },
    logLevel: "warn",
    logFile,
    quiet: true,
    database: { isolate: true }, // on DATABASE_URL's server, a database of its own, dropped on stop
  });
  const direct = await workerdEntry(stack);
  const port = direct ?? stack.port;
  const base = `http://127.0.0.1:${port}`;
  let matchId = "";
  return {
    name: "buzz",
    via: direct ? `workerd's own port ${direct}` : `wrangler's proxy (workerd's port not found)`,
    pid: stack.pid,
    room: async () => {
      matchId = await createLiveMatch(base, "cmp");
      // The match opened with PERIOD_STARTED (1): the bench's event i is sequenced as 2 + i.
      return { url: `ws://127.0.0.1:${port}/v1/matches/${matchId}/live`, seq: (i) => i + 2 };
    },
    emit: async (i) => void (await postEvent(base, matchId, shotBody(i))),
    stop: () => stack.stop(),
  };
}

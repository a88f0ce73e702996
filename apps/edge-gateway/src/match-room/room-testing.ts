// Helpers for the room's workerd tests: a fresh room addressed by name, its RPC results, and a live socket.
import { env } from "cloudflare:test";
import type { LiveServerMessage } from "@buzz/schema/contract";
import { expect } from "vitest";
import { FINAL } from "../testing/fixtures.js";
import type { MatchRoom } from "./index.js";

export const received = "2026-11-21T15:00:00.000Z";

export async function freshRoom(name = crypto.randomUUID()) {
  const stub = env.MATCH_ROOM.get(env.MATCH_ROOM.idFromName(name));
  const put = await stub.putFixture(FINAL);
  // The room knows its match from the name it is addressed by (ctx.id.name).
  expect(value(put).state.match_id).toBe(name);
  return { stub, name };
}

export function value<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`room error ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function openSocket(stub: DurableObjectStub<MatchRoom>, name: string, query = "") {
  const res = await stub.fetch(`https://room/v1/matches/${name}/live${query}`, {
    headers: { Upgrade: "websocket", "X-Buzz-Match-Id": name },
  });
  expect(res.status).toBe(101);
  return listen(res.webSocket!);
}

/** A live socket's messages as they arrive, presence kept apart; `until` waits for the n-th log message. */
export function listen(ws: WebSocket) {
  const messages: LiveServerMessage[] = [];
  // Presence comes whenever the count changes: kept apart, so tests of the log's messages can count them.
  const presence: { watching: number; match_id: string; at: number }[] = [];
  const waiters: (() => void)[] = [];
  ws.addEventListener("message", (m) => {
    const msg = JSON.parse(m.data as string) as LiveServerMessage;
    if (msg.type === "presence") presence.push({ ...msg, at: Date.now() });
    else messages.push(msg);
    waiters.splice(0).forEach((w) => {
      w();
    });
  });
  ws.accept();
  const until = async (n: number) => {
    while (messages.length < n) await new Promise<void>((r) => waiters.push(r));
    return messages;
  };
  const untilPresence = async (check: (watching: number) => boolean) => {
    while (!presence.length || !check(presence.at(-1)!.watching))
      await new Promise<void>((r) => waiters.push(r));
    return presence;
  };
  return { ws, messages, presence, until, untilPresence };
}

import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError } from "../errors/index.js";
import { openLive } from "../live-shard/route.js";
import type { Subscription } from "./parse.js";

const PONG = JSON.stringify({ type: "pong" });
const UNKNOWN = JSON.stringify({
  type: "error",
  error: { code: "unknown_message", message: 'clients may send {"type":"ping"}' },
});

/**
 * Adds `match_id` to a room's message without parsing it: the room serialised it once for all its sockets, and the
 * relay only prefixes the key. Presence already names its match.
 */
export const tagged = (matchId: string, text: string) =>
  text.startsWith('{"type":"presence"') ? text : `{"match_id":${JSON.stringify(matchId)},${text.slice(1)}`;

/**
 * Opens one socket on each match's room, exactly as a client of `/v1/matches/{id}/live?after=N` would, and only
 * then hands the client its own end. A room that refuses (no fixture) fails the request before the upgrade.
 */
async function subscribe(env: Env, subs: Subscription[]): Promise<{ sub: Subscription; ws: WebSocket }[]> {
  const opened = await Promise.allSettled(
    subs.map(async (sub) => {
      const query = sub.after === null ? "" : `?after=${sub.after}`;
      const url = `https://room/v1/matches/${encodeURIComponent(sub.matchId)}/live${query}`;
      const res = await openLive(env, sub.matchId, new Request(url, { headers: { Upgrade: "websocket" } }));
      if (!res.webSocket) {
        const body = (await res.json().catch(() => null)) as {
          error?: { code: string; message: string };
        } | null;
        throw new DomainError(
          res.status as ContentfulStatusCode,
          body?.error?.code ?? "room_refused",
          `${sub.matchId}: ${body?.error?.message ?? `the room answered ${res.status}`}`,
          [{ path: ["matches", subs.indexOf(sub)], message: body?.error?.code ?? "refused" }],
        );
      }
      return { sub, ws: res.webSocket };
    }),
  );
  const failed = opened.find((o) => o.status === "rejected");
  if (failed) {
    for (const o of opened) {
      if (o.status !== "fulfilled") continue;
      o.value.ws.accept();
      o.value.ws.close(1000, "cancelled");
    }
    throw failed.reason;
  }
  return opened.map((o) => (o as PromiseFulfilledResult<{ sub: Subscription; ws: WebSocket }>).value);
}

/**
 * One client socket carrying many matches. The gateway Worker holds it and relays each room's socket into it; the
 * room stays the only source of order (one upstream socket per match delivers in log order), and the relay keeps
 * no state of its own: a reconnect with the same list and per-match AFTER is an ordinary resume on every room, so
 * it is idempotent and gap-free per match. If any room's socket ends, the client's is closed (1012) rather than
 * left silently missing that match: the client reconnects with its per-match AFTER and the rooms fill the gap.
 * (A fan-in Durable Object per connection would add a hop and storage for nothing the rooms do not already keep.)
 * Each match is one subrequest of this invocation: 50 matches stay within the Workers limit of every plan.
 */
export async function openMultiplex(env: Env, subs: Subscription[]): Promise<Response> {
  const upstream = await subscribe(env, subs);
  const { 0: client, 1: server } = new WebSocketPair();
  server.accept();
  let open = true;
  const closeAll = (code: number, reason: string) => {
    if (!open) return;
    open = false;
    for (const { ws } of upstream) safeClose(ws, 1000, "client gone");
    safeClose(server, code, reason);
  };
  for (const { sub, ws } of upstream) {
    ws.addEventListener("message", (m) => {
      if (open)
        server.send(
          tagged(sub.matchId, typeof m.data === "string" ? m.data : new TextDecoder().decode(m.data)),
        );
    });
    ws.addEventListener("close", () =>
      closeAll(1012, `match ${sub.matchId} ended its feed: resume with AFTER`),
    );
    ws.addEventListener("error", () => closeAll(1012, `match ${sub.matchId} failed: resume with AFTER`));
    ws.accept();
  }
  server.addEventListener("message", (m) => {
    let type: unknown;
    try {
      type = JSON.parse(typeof m.data === "string" ? m.data : new TextDecoder().decode(m.data))?.type;
    } catch {
      type = undefined;
    }
    server.send(type === "ping" ? PONG : UNKNOWN);
  });
  server.addEventListener("close", (e) =>
    closeAll(e.code === 1005 || e.code === 1006 ? 1000 : e.code, "closing"),
  );
  server.addEventListener("error", () => closeAll(1011, "error"));
  return new Response(null, { status: 101, webSocket: client });
}

function safeClose(ws: WebSocket, code: number, reason: string) {
  try {
    ws.close(code, reason);
  } catch {
    // already closed
  }
}

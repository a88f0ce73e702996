// What both Durable Objects with WebSockets (MatchRoom, MatchDirectory) answer the same way. Their sockets
// hibernate, so each of these is called on a wake-up, with nothing in memory.

const PING = JSON.stringify({ type: "ping" });
const PONG = JSON.stringify({ type: "pong" });
const UNKNOWN = JSON.stringify({
  type: "error",
  error: { code: "unknown_message", message: 'clients may send {"type":"ping"}' },
});

/** Pings answered by the runtime itself do not wake a hibernating object. */
export function answerPings(ctx: DurableObjectState): void {
  ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
}

/** A message the auto-response did not take (a ping written differently, or anything else). */
export function answerMessage(ws: WebSocket, message: string | ArrayBuffer): void {
  let type: unknown;
  try {
    type = JSON.parse(typeof message === "string" ? message : new TextDecoder().decode(message))?.type;
  } catch {
    type = undefined;
  }
  ws.send(type === "ping" ? PONG : UNKNOWN);
}

/** Completes the close handshake a client started; hibernated sockets need the object to answer it. */
export function answerClose(ws: WebSocket, code: number): void {
  try {
    // 1005/1006 mean "no code" and may not be sent back.
    ws.close(code === 1005 || code === 1006 ? 1000 : code, "closing");
  } catch {
    // already closed
  }
}

/** The object's WebSockets still open: one closing (its close handler runs) no longer counts. */
export function openSockets(ctx: DurableObjectState): number {
  let n = 0;
  for (const ws of ctx.getWebSockets()) if (ws.readyState === WebSocket.OPEN) n++;
  return n;
}

/** One frame to every socket; a socket closing under us is gone, and its client resumes when it reconnects. */
export function sendToAll(sockets: Iterable<WebSocket>, text: string): void {
  for (const ws of sockets) {
    try {
      ws.send(text);
    } catch {
      // closing
    }
  }
}

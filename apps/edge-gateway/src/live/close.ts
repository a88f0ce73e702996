/** Completes the close handshake a client started; hibernated sockets need the object to answer it. */
export function answerClose(ws: WebSocket, code: number) {
  try {
    // 1005/1006 mean "no code" and may not be sent back.
    ws.close(code === 1005 || code === 1006 ? 1000 : code, "closing");
  } catch {
    // already closed
  }
}

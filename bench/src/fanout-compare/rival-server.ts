// A rival fan-out server in a process of its own, as a user would otherwise run it: `socketio` (a Socket.IO room
// broadcast) or `ws` (a raw loop over the `ws` server's clients: the floor). POST /emit?seq=N broadcasts one
// event frame of the same size as Buzz's and answers 202 once it is handed to every socket, as Buzz's ingest does.
import { createServer } from "node:http";
import { Server } from "socket.io";
import { WebSocketServer } from "ws";
import { rivalFrame } from "./frame.js";

const kind = process.argv[2];
if (kind !== "socketio" && kind !== "ws") throw new Error(`unknown rival ${kind}`);

let broadcast: (seq: number) => void;
const http = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method === "POST" && url.pathname === "/emit") {
    broadcast(Number(url.searchParams.get("seq")));
    res.writeHead(202).end();
    return;
  }
  res.writeHead(404).end();
});

if (kind === "socketio") {
  const io = new Server(http, { transports: ["websocket"], perMessageDeflate: false, serveClient: false });
  io.on("connection", (socket) => socket.join("match"));
  // The object is encoded once per broadcast by Socket.IO's adapter, then written to each socket of the room.
  broadcast = (seq) => io.to("match").emit("event", JSON.parse(rivalFrame(seq)));
} else {
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  broadcast = (seq) => {
    const frame = rivalFrame(seq);
    for (const client of wss.clients) client.send(frame);
  };
}

http.listen(0, "127.0.0.1", () => {
  const address = http.address();
  if (address && typeof address === "object") process.send?.({ port: address.port });
});

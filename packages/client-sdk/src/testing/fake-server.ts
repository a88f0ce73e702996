import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import {
  applyEvent,
  type FixtureInput,
  initialState,
  type MatchState,
  type PublishedEvent,
  summarize,
} from "@buzz/schema/contract";
import { WebSocket, WebSocketServer } from "ws";
import { goalEvent, shotEvent } from "./events.js";

export type EventKind = "shot" | "goal-home" | "goal-away";

export interface LiveConnection {
  path: string;
  /** The `after` the client asked for, or null for none. */
  after: number | null;
  socket: WebSocket;
}

/** One match as the MatchRoom keeps it: a log, the projection folded from it, and its live sockets. */
export class FakeMatch {
  readonly log: PublishedEvent[] = [];
  state: MatchState;
  readonly sockets = new Set<WebSocket>();
  /** Sockets of `/v1/live?matches=…` carrying this match among others: its messages go there with `match_id`. */
  readonly shared = new Set<WebSocket>();
  /** What `GET …/analytics` answers (status and body); an empty 200 until a test sets it. */
  analytics: [number, unknown] | null = null;
  analyticsReads = 0;
  /** The `until` of each analytics read, in order (null: none). */
  readonly analyticsUntil: (number | null)[] = [];

  constructor(
    readonly id: string,
    private readonly server: FakeServer,
    fixture: FixtureInput,
  ) {
    this.state = initialState(id, fixture, "2018-07-15T14:00:00.000Z");
  }

  /** Sequences events, folds them and sends them to every live socket, as the room does. */
  append(...kinds: EventKind[]): PublishedEvent[] {
    return this.sequence(...kinds).map((event) => (this.send({ type: "event", event }), event));
  }

  /** Sequences events without sending them live: a client only learns of them by resuming. */
  sequence(...kinds: EventKind[]): PublishedEvent[] {
    return kinds.map((kind) => {
      const seq = this.log.length + 1;
      const e =
        kind === "shot"
          ? shotEvent(this.state, seq)
          : goalEvent(this.state, seq, kind === "goal-home" ? "HOME" : "AWAY");
      this.log.push(e);
      this.state = applyEvent(this.state, e);
      this.server.publishSummary(this.state);
      return e;
    });
  }

  /** Sends any message to the live sockets (for duplicates, gaps and other misbehaviour). */
  send(msg: unknown) {
    const text = JSON.stringify(msg);
    for (const ws of this.sockets) if (!this.server.frozen.has(ws)) ws.send(text);
    const tagged = JSON.stringify({ match_id: this.id, ...(msg as object) });
    for (const ws of this.shared) if (!this.server.frozen.has(ws)) ws.send(tagged);
  }

  /** What a socket resuming after `after` (null: none) is sent first: the snapshot, or the events it missed. */
  catchUp(after: number | null): object[] {
    if (after === null || after > this.state.last_sequence)
      return [{ type: "snapshot", sequence_number: this.state.last_sequence, state: this.state }];
    return this.log.slice(after).map((event) => ({ type: "event", event }));
  }
}

/**
 * An in-process stand-in for the gateway's live endpoints (node:http + ws), speaking the same protocol:
 * `/v1/matches/{id}/live?after=N`, `/v1/live?matches=ID:AFTER,...`, `/v1/live/matches`, pings, and the two HTTP
 * reads.
 */
export class FakeServer {
  readonly connections: LiveConnection[] = [];
  readonly matches = new Map<string, FakeMatch>();
  /** Sockets that get nothing more, not even pongs: a half-open connection. */
  readonly frozen = new Set<WebSocket>();
  pings = 0;
  /** Upgrade requests received, accepted or not. */
  upgrades = 0;
  /** When set, every upgrade and every HTTP read is answered with this (a 401 or 403 from auth, a 503 outage). */
  refuse: { status: number; code: string } | null = null;
  private readonly listSockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly http = createServer((req, res) => {
    const [status, body] = this.refusal() ?? this.read(req);
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  baseUrl = "";

  static async start(): Promise<FakeServer> {
    const s = new FakeServer();
    s.http.on("upgrade", (req, socket, head) => {
      s.upgrades++;
      const target = s.route(req);
      const status = s.refuse?.status ?? (target ? 0 : 404);
      if (status) return void socket.end(`HTTP/1.1 ${status} Refused\r\ncontent-length: 0\r\n\r\n`);
      s.wss.handleUpgrade(req, socket, head, (ws) => s.accept(ws, req, target!));
    });
    await new Promise<void>((r) => s.http.listen(0, "127.0.0.1", r));
    s.baseUrl = `http://127.0.0.1:${(s.http.address() as AddressInfo).port}`;
    return s;
  }

  match(id: string, fixture = FIXTURE): FakeMatch {
    let m = this.matches.get(id);
    if (!m) this.matches.set(id, (m = new FakeMatch(id, this, fixture)));
    return m;
  }

  /** Ends every socket without a close frame, like a phone losing its signal. */
  dropAll() {
    for (const c of this.connections) c.socket.terminate();
  }

  /** Every socket open now goes silent while staying open; new connections are answered normally. */
  freezeAll() {
    for (const c of this.connections) if (c.socket.readyState === WebSocket.OPEN) this.frozen.add(c.socket);
  }

  publishSummary(state: MatchState) {
    const text = JSON.stringify({ type: "match", match: summarize(state) });
    for (const ws of this.listSockets) if (!this.frozen.has(ws)) ws.send(text);
  }

  openSockets() {
    return this.connections.filter(
      (c) => c.socket.readyState === WebSocket.OPEN && !this.frozen.has(c.socket),
    ).length;
  }

  async close() {
    for (const c of this.connections) c.socket.terminate();
    this.http.closeAllConnections();
    await new Promise((r) => this.http.close(r));
  }

  private route(req: IncomingMessage): FakeMatch | Shared | "list" | null {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/v1/live/matches") return "list";
    if (url.pathname === "/v1/live") {
      // As the gateway: every listed match must exist, or the whole upgrade is refused.
      const subs = (url.searchParams.get("matches") ?? "").split(",").map((part) => {
        const colon = part.lastIndexOf(":");
        const after = part.slice(colon + 1);
        return { match: this.matches.get(part.slice(0, colon)), after: after === "" ? null : Number(after) };
      });
      return subs.every((sub) => sub.match) ? { carries: subs as Shared["carries"] } : null;
    }
    const id = /^\/v1\/matches\/([^/]+)\/live$/.exec(url.pathname)?.[1];
    return id ? (this.matches.get(decodeURIComponent(id)) ?? null) : null;
  }

  private accept(ws: WebSocket, req: IncomingMessage, target: FakeMatch | Shared | "list") {
    const url = new URL(req.url ?? "/", "http://x");
    const raw = url.searchParams.get("after");
    const after = raw === null ? null : Number(raw);
    this.connections.push({ path: url.pathname, after, socket: ws });
    ws.on("message", (data) => {
      if (String(data) !== '{"type":"ping"}' || this.frozen.has(ws)) return;
      this.pings++;
      ws.send('{"type":"pong"}');
    });
    if (target === "list") {
      this.listSockets.add(ws);
      ws.on("close", () => this.listSockets.delete(ws));
      const list = [...this.matches.values()]
        .map((m) => summarize(m.state))
        .sort(
          (a, b) => Date.parse(a.kickoff_at) - Date.parse(b.kickoff_at) || (a.match_id < b.match_id ? -1 : 1),
        );
      return ws.send(JSON.stringify({ type: "matches", matches: list }));
    }
    if ("carries" in target) {
      for (const { match, after } of target.carries) {
        match.shared.add(ws);
        ws.on("close", () => match.shared.delete(ws));
        for (const msg of match.catchUp(after)) ws.send(JSON.stringify({ match_id: match.id, ...msg }));
      }
      return;
    }
    target.sockets.add(ws);
    ws.on("close", () => target.sockets.delete(ws));
    for (const msg of target.catchUp(after)) ws.send(JSON.stringify(msg));
  }

  private refusal(): [number, unknown] | null {
    const r = this.refuse;
    return r ? [r.status, { error: { code: r.code, message: `refused with ${r.status}` } }] : null;
  }

  private read(req: IncomingMessage): [number, unknown] {
    const url = new URL(req.url ?? "/", "http://x");
    // The gateway's socket routes answer a plain GET with 426.
    if (url.pathname === "/v1/live/matches" || url.pathname.endsWith("/live"))
      return [426, { error: { code: "upgrade_required", message: "send Upgrade: websocket" } }];
    const [, id, tail] = /^\/v1\/matches\/([^/]+)(\/events|\/analytics)?$/.exec(url.pathname) ?? [];
    const m = id ? this.matches.get(decodeURIComponent(id)) : undefined;
    if (!m) return [404, { error: { code: "match_not_found", message: "no fixture for this match" } }];
    if (!tail) return [200, m.state];
    if (tail === "/analytics") {
      const until = url.searchParams.get("until");
      m.analyticsUntil.push(until === null ? null : Number(until));
      return (m.analyticsReads++, m.analytics ?? [200, emptyAnalytics(m.state)]);
    }
    const after = Number(url.searchParams.get("after") ?? 0);
    const until = Number(url.searchParams.get("until") ?? Number.POSITIVE_INFINITY);
    const events = m.log
      .slice(after, after + Number(url.searchParams.get("limit") ?? 100))
      .filter((e) => e.sequence_number <= until);
    return [200, { events, next_after: events.at(-1)?.sequence_number ?? after }];
  }
}

/** The matches one `/v1/live?matches=…` socket carries, each with the AFTER it was asked for. */
interface Shared {
  carries: { match: FakeMatch; after: number | null }[];
}

const emptyAnalytics = (s: MatchState) => ({
  match_id: s.match_id,
  last_sequence: s.last_sequence,
  events: [],
  pending: 0,
  totals: { expected_goals: { home: 0, away: 0 }, attempts: { home: 0, away: 0 } },
});

const player = (team: string, n: number) => ({
  player_id: `${team}-p${n}`,
  name: `${team} Player ${n}`,
  jersey_number: n,
});
export const FIXTURE: FixtureInput = {
  competition: { id: "test-cup", name: "Test Cup" },
  kickoff_at: "2018-07-15T15:00:00Z",
  venue: "Loopback Arena",
  home: { team_id: "HOM", name: "Home FC", players: [player("HOM", 9)] },
  away: { team_id: "AWY", name: "Away United", players: [player("AWY", 9)] },
};

import type { LiveServerMessage } from "@buzz/schema/contract";
import { type BuzzFatalError, matchPath, probe } from "../client/http.js";
import { Connection, type Status } from "../connection/index.js";
import { type Config, socketUrl } from "../options/index.js";

/** At most this many matches on one socket (the server refuses more). */
export const MAX_MULTI_MATCHES = 50;

/** One match's feed as the hub sees it: where its messages go, and where its resume starts. */
export interface LiveMember {
  readonly id: string;
  /** The last sequence applied (once stored state is loaded); undefined asks for a snapshot. */
  after(): Promise<number | undefined>;
  receive(msg: LiveServerMessage): void;
  status(status: Status): void;
  error(err: Error): void;
}

export interface LiveLink {
  /** A gap: reopen the socket carrying this match so the server fills it from `after`. */
  resume(): void;
  leave(): void;
}

/**
 * Carries a client's open match feeds. One feed has a socket of its own (`/v1/matches/{id}/live`, exactly v1);
 * from the moment two are open at once, the first 50 share one socket (`/v1/live?matches=ID:AFTER,...`) until the
 * last of them closes, and any beyond 50 keep sockets of their own. The shared socket's list is fixed per
 * connection, so a feed joining or leaving reopens it with every match's own AFTER: an ordinary resume on each
 * room, gap-free and without repeats, at the cost of a brief `recovering` for the feeds already on it.
 * A refusal of the shared socket may name one match only (404): the hub asks each match over HTTP and ends only
 * the feeds that can never open, as a single socket's probe would.
 */
export class LiveHub {
  readonly #members = new Set<LiveMember>();
  readonly #single = new Map<LiveMember, Connection>();
  #mux: Connection | null = null;
  #muxed: LiveMember[] = [];
  /** The list the shared socket was last opened with. */
  #openedWith = "";
  readonly #cfg: Config;
  readonly #multiplex: boolean;

  constructor(cfg: Config, multiplex: boolean) {
    this.#cfg = cfg;
    this.#multiplex = multiplex;
  }

  join(member: LiveMember): LiveLink {
    this.#members.add(member);
    // Feeds opened in one go (a list rendering ten matches) still open one socket: a socket is asked for its URL
    // only after a turn, by which time the first feed's own connection has already been handed over.
    this.#sync();
    return {
      resume: () => (this.#muxed.includes(member) ? this.#mux : this.#single.get(member))?.reconnect(),
      leave: () => {
        if (this.#members.delete(member)) this.#sync();
      },
    };
  }

  /** Puts every member where it belongs now: on the shared socket, on its own, or nowhere (gone). */
  #sync() {
    const all = [...this.#members];
    const share = this.#multiplex && (all.length >= 2 || (this.#mux !== null && all.length > 0));
    this.#muxed = share ? all.slice(0, MAX_MULTI_MATCHES) : [];
    for (const [m, conn] of this.#single)
      if (!this.#members.has(m) || this.#muxed.includes(m)) {
        this.#single.delete(m); // first, so the closing socket's `offline` reaches nobody
        conn.close();
      }
    for (const m of all)
      if (!this.#muxed.includes(m) && !this.#single.has(m)) this.#single.set(m, this.#connectOne(m));
    if (this.#muxed.length === 0) {
      this.#mux?.close();
      this.#mux = null;
    } else if (!this.#mux) this.#mux = this.#connectMany();
    else if (this.#listKey() !== this.#openedWith) this.#mux.reconnect();
    // A feed that moved sockets takes the status of the one it is on now (feeds ignore a status they already have).
    for (const m of all) {
      const conn = this.#muxed.includes(m) ? this.#mux : this.#single.get(m);
      if (conn) m.status(conn.status);
    }
  }

  #listKey() {
    return this.#muxed.map((m) => encodeURIComponent(m.id)).join(",");
  }

  #connectOne(m: LiveMember): Connection {
    // Statuses reported while the connection is being built are ignored: sync() hands the feed its status after.
    let conn: Connection | undefined;
    const mine = () => conn !== undefined && this.#single.get(m) === conn;
    conn = new Connection(this.#cfg, {
      url: async () => {
        const after = await m.after();
        return socketUrl(this.#cfg, `${matchPath(m.id)}/live${after === undefined ? "" : `?after=${after}`}`);
      },
      message: (msg) => mine() && m.receive(msg as LiveServerMessage),
      status: (status) => {
        if (!mine()) return;
        if (status === "failed") {
          this.#members.delete(m);
          this.#single.delete(m);
        }
        m.status(status);
      },
      error: (err) => mine() && m.error(err),
      probe: () => probe(this.#cfg, matchPath(m.id)),
    });
    return conn;
  }

  #connectMany(): Connection {
    let conn: Connection | undefined;
    const mine = () => conn !== undefined && this.#mux === conn;
    conn = new Connection(this.#cfg, {
      url: async () => {
        const members = this.#muxed;
        const afters = await Promise.all(members.map((m) => m.after()));
        this.#openedWith = this.#listKey();
        const list = members.map((m, i) => `${encodeURIComponent(m.id)}:${afters[i] ?? ""}`);
        return socketUrl(this.#cfg, `/v1/live?matches=${list.join(",")}`);
      },
      message: (raw) => {
        const msg = raw as LiveServerMessage & { match_id?: string };
        if (!mine()) return;
        if (msg.match_id === undefined) {
          if (msg.type === "error")
            for (const m of this.#muxed) m.error(new Error(`${msg.error.code}: ${msg.error.message}`));
          return;
        }
        this.#muxed.find((m) => m.id === msg.match_id)?.receive(msg);
      },
      status: (status) => {
        if (mine()) for (const m of this.#muxed) m.status(status);
      },
      error: (err) => {
        if (mine()) for (const m of this.#muxed) m.error(err);
      },
      probe: async () => {
        const asked = this.#muxed;
        const answers = await Promise.all(asked.map((m) => probe(this.#cfg, matchPath(m.id))));
        asked.forEach((m, i) => {
          const err = answers[i];
          if (err && this.#members.has(m)) this.#end(m, err);
        });
        return null;
      },
      refusalIsFinal: false,
    });
    return conn;
  }

  /** A match that can never open leaves the shared socket alone; the others go on without it. */
  #end(m: LiveMember, err: BuzzFatalError) {
    this.#members.delete(m);
    m.error(err);
    m.status("failed");
    this.#sync();
  }
}

import {
  compareSummaries,
  isNewerSummary,
  type MatchesLiveMessage,
  type MatchSummary,
} from "@buzz/schema/contract";
import { BuzzFatalError, probe } from "../client/http.js";
import { Connection, type Status } from "../connection/index.js";
import { Emitter } from "../emitter/index.js";
import { type Config, socketUrl } from "../options/index.js";

export interface MatchesEvents {
  /** The whole list, after the first load or any change. */
  matches: readonly MatchSummary[];
  status: Status;
  error: Error;
}

export interface MatchesSnapshot {
  matches: readonly MatchSummary[];
  status: Status;
  /** Why the feed ended when `status` is `failed` (401 or 403 from a proxy in front), else null. */
  error: BuzzFatalError | null;
}

/** `GET /v1/live/matches`: the whole list on every (re)connect, then each match as it changes. */
export class MatchesFeed {
  readonly emitter = new Emitter<MatchesEvents>();
  snapshot: MatchesSnapshot = { matches: [], status: "connecting", error: null };
  readonly #conn: Connection;

  constructor(cfg: Config) {
    this.#conn = new Connection(cfg, {
      url: async () => socketUrl(cfg, "/v1/live/matches"),
      message: (msg) => this.#receive(msg as MatchesLiveMessage),
      status: (status) => {
        this.snapshot = { ...this.snapshot, status };
        this.emitter.emit("status", status);
      },
      error: (err) => {
        if (err instanceof BuzzFatalError) this.snapshot = { ...this.snapshot, error: err };
        this.emitter.emit("error", err);
      },
      // A plain GET of the list's socket route answers 426 when all is well; 401/403/404 mean it never opens.
      probe: () => probe(cfg, "/v1/live/matches"),
    });
  }

  close(): void {
    this.#conn.close();
    this.emitter.clear();
  }

  #receive(msg: MatchesLiveMessage) {
    if (msg.type === "matches") this.#publish(msg.matches);
    else if (msg.type === "match") this.#publish(upsert(this.snapshot.matches, msg.match));
  }

  #publish(matches: readonly MatchSummary[]) {
    if (matches === this.snapshot.matches) return;
    this.snapshot = { ...this.snapshot, matches };
    this.emitter.emit("matches", matches);
  }
}

function upsert(list: readonly MatchSummary[], m: MatchSummary): readonly MatchSummary[] {
  const at = list.findIndex((x) => x.match_id === m.match_id);
  if (at >= 0 && !isNewerSummary(m, list[at]!)) return list;
  const rest = at >= 0 ? list.filter((_, i) => i !== at) : [...list];
  const pos = rest.findIndex((x) => compareSummaries(m, x) < 0);
  rest.splice(pos < 0 ? rest.length : pos, 0, m);
  return rest;
}

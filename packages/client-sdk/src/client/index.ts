import type { MatchState, PublishedEvent } from "@buzz/schema/contract";
import type { Status } from "../connection/index.js";
import { type MatchEvents, MatchFeed, type MatchSnapshot } from "../match/index.js";
import { type MatchesEvents, MatchesFeed, type MatchesSnapshot } from "../matches/index.js";
import { LiveHub } from "../multiplex/hub.js";
import { type ClientOptions, resolveOptions } from "../options/index.js";
import { type BuzzFatalError, getJson, matchPath } from "./http.js";
import { Registry, type View } from "./shared.js";

/**
 * A live match. Handles on the same id share one feed; each `close()` releases its own share. While two or more
 * matches are open, their feeds share one socket (see `multiplex` in the options).
 */
export interface MatchHandle extends View<MatchEvents, MatchSnapshot> {
  readonly id: string;
  /** The projection (as `GET /v1/matches/{id}`), or null until the first snapshot or stored state. */
  readonly state: MatchState | null;
  /** The latest events, oldest first, each once (at most `maxEvents`). */
  readonly events: readonly PublishedEvent[];
  readonly status: Status;
  /** When `status` is `failed`: why (404 `match_not_found`, 401, 403). Else null. */
  readonly error: BuzzFatalError | null;
}

/** The live list of matches (`GET /v1/live/matches`), in kickoff order. */
export interface MatchesHandle extends View<MatchesEvents, MatchesSnapshot> {
  readonly matches: MatchesSnapshot["matches"];
  readonly status: Status;
  /** When `status` is `failed`: why. Else null. */
  readonly error: BuzzFatalError | null;
}

export interface BuzzClient {
  /** The server, without a trailing slash; with `fetch`, what the push helpers take: `createDevice(client)`. */
  readonly baseUrl: string;
  /** The `fetch` given to `createClient`, if any. */
  readonly fetch?: typeof fetch;
  match(id: string): MatchHandle;
  matches(): MatchesHandle;
  /** `GET /v1/matches/{id}`. */
  getMatch(id: string): Promise<MatchState>;
  /**
   * `GET /v1/matches/{id}/events`: the log after `after`, a page at a time (e.g. history before a live handle). A
   * full page never changes and is cached at the edge: reading from multiples of `limit` (the dashboard reads
   * `after` 0, 100, 200… with the default 100) lets many readers share those pages. `until` (inclusive) ends the
   * page where the reader's knowledge ends, e.g. a live handle's `state.last_sequence`: a page that reaches it is
   * final too, so readers that opened on the same state share the tail as well.
   */
  getEvents(
    id: string,
    page?: { after?: number; limit?: number; until?: number },
  ): Promise<{ events: PublishedEvent[]; next_after: number }>;
  /** Closes every feed of this client. */
  close(): void;
}

export function createClient(options: ClientOptions): BuzzClient {
  const cfg = resolveOptions(options);
  const feeds = new Registry();
  const hub = new LiveHub(cfg, cfg.multiplex);
  return {
    baseUrl: cfg.baseUrl,
    ...(cfg.fetch ? { fetch: cfg.fetch } : {}),
    match(id) {
      const view = feeds.view(
        `match:${id}`,
        ["event", "state", "status", "presence", "error"],
        () => new MatchFeed(cfg, id, hub),
      );
      return {
        ...view,
        id,
        get state() {
          return view.getSnapshot().state;
        },
        get events() {
          return view.getSnapshot().events;
        },
        get status() {
          return view.getSnapshot().status;
        },
        get error() {
          return view.getSnapshot().error;
        },
      };
    },
    matches() {
      const view = feeds.view("matches", ["matches", "status", "error"], () => new MatchesFeed(cfg));
      return {
        ...view,
        get matches() {
          return view.getSnapshot().matches;
        },
        get status() {
          return view.getSnapshot().status;
        },
        get error() {
          return view.getSnapshot().error;
        },
      };
    },
    getMatch: (id) => getJson(cfg, matchPath(id)),
    getEvents: (id, { after = 0, limit, until } = {}) =>
      getJson(
        cfg,
        `${matchPath(id)}/events?after=${after}${limit ? `&limit=${limit}` : ""}${until === undefined ? "" : `&until=${until}`}`,
      ),
    close: () => feeds.closeAll(),
  };
}

import type {
  BuzzClient,
  MatchesHandle,
  MatchesSnapshot,
  MatchHandle,
  MatchSnapshot,
  Status,
} from "@buzz/client-sdk";
import type { MatchState, MatchSummary, PublishedEvent } from "@buzz/schema/contract";
import { applyEvent } from "@buzz/schema/contract";
import { act } from "@testing-library/react";

type Listener = (value: any) => void;

/**
 * A BuzzClient the test plays the server for: it sets snapshots and publishes events, and the pages see them
 * through the real `@buzz/client-sdk/react` hooks. `log` is what `getEvents` (the HTTP history) answers.
 */
export class FakeBuzz implements BuzzClient {
  private readonly matchSnaps = new Map<string, MatchSnapshot>();
  private list: MatchesSnapshot = { matches: [], status: "connecting", error: null };
  private readonly listeners = new Map<string, Set<Listener>>();
  readonly log = new Map<string, PublishedEvent[]>();
  readonly baseUrl = "http://buzz.test";
  /** What `GET /v1/matches/{id}/analytics` answers, by match: [status, body]; 503 until a test sets it. */
  readonly analytics = new Map<string, [number, unknown]>();
  analyticsReads = 0;

  /** The SDK's analytics reads arrive here (it uses a client's own `fetch` when it has one). */
  readonly fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const id = /\/v1\/matches\/([^/]+)\/analytics(?:\?|$)/.exec(String(input))?.[1];
    if (!id)
      return Response.json(
        { error: { code: "not_found", message: `FakeBuzz does not serve ${String(input)}` } },
        { status: 404 },
      );
    this.analyticsReads++;
    const [status, body] = this.analytics.get(decodeURIComponent(id)) ?? [
      503,
      { error: { code: "analytics_unavailable", message: "no analytics in this test" } },
    ];
    return Response.json(body, { status });
  };

  match(id: string): MatchHandle {
    if (!this.matchSnaps.has(id))
      this.matchSnaps.set(id, { state: null, events: [], status: "connecting", error: null, watching: null });
    const snap = () => this.matchSnaps.get(id)!;
    return {
      id,
      get state() {
        return snap().state;
      },
      get events() {
        return snap().events;
      },
      get status() {
        return snap().status;
      },
      get error() {
        return snap().error;
      },
      on: (type, cb) => this.listen(`match:${id}:${String(type)}`, cb as Listener),
      getSnapshot: snap,
      close: () => {},
    };
  }

  matches(): MatchesHandle {
    const snap = () => this.list;
    return {
      get matches() {
        return snap().matches;
      },
      get status() {
        return snap().status;
      },
      get error() {
        return snap().error;
      },
      on: (type, cb) => this.listen(`matches:${String(type)}`, cb as Listener),
      getSnapshot: snap,
      close: () => {},
    };
  }

  async getMatch(id: string): Promise<MatchState> {
    const state = this.matchSnaps.get(id)?.state;
    if (!state) throw new Error(`no match ${id}`);
    return state;
  }

  /** Every history page asked for, in order. */
  readonly pages: { after: number; limit: number; until?: number }[] = [];

  async getEvents(
    id: string,
    { after = 0, limit = 100, until }: { after?: number; limit?: number; until?: number } = {},
  ) {
    this.pages.push({ after, limit, until });
    const events = (this.log.get(id) ?? [])
      .filter((e) => e.sequence_number > after && (until === undefined || e.sequence_number <= until))
      .slice(0, limit);
    return { events, next_after: events.at(-1)?.sequence_number ?? after };
  }

  close() {}

  /** The live list, as the server's `matches` message would set it. */
  setMatches(matches: MatchSummary[], status: Status = "live") {
    act(() => {
      this.list = { matches, status, error: null };
      this.emit("matches:matches", matches);
      this.emit("matches:status", status);
    });
  }

  /** A snapshot for a match: what the SDK has after connecting (`events` are those since the snapshot). */
  setMatch(state: MatchState, events: PublishedEvent[] = [], status: Status = "live") {
    act(() => {
      const watching = this.matchSnaps.get(state.match_id)?.watching ?? null;
      this.matchSnaps.set(state.match_id, { state, events, status, error: null, watching });
      this.emit(`match:${state.match_id}:state`, state);
      this.emit(`match:${state.match_id}:status`, status);
    });
  }

  /** A presence message: how many watch the match live. */
  setWatching(matchId: string, watching: number) {
    act(() => {
      const prev = this.matchSnaps.get(matchId);
      if (!prev) throw new Error(`setWatching before the page opened ${matchId}`);
      this.matchSnaps.set(matchId, { ...prev, watching });
      this.emit(`match:${matchId}:presence`, watching);
    });
  }

  /** What the SDK emits when the live feed reports an error. */
  fail(matchId: string, message: string) {
    act(() => this.emit(`match:${matchId}:error`, new Error(message)));
  }

  /** One live event: folded into the state, then `event` and `state` emitted, as the SDK does. */
  publish(event: PublishedEvent) {
    act(() => {
      const id = event.match_id;
      const prev = this.matchSnaps.get(id);
      if (!prev?.state) throw new Error(`publish before setMatch(${id})`);
      const state = applyEvent(prev.state, event);
      this.matchSnaps.set(id, { ...prev, state, events: [...prev.events, event] });
      this.emit(`match:${id}:event`, event);
      this.emit(`match:${id}:state`, state);
    });
  }

  private listen(key: string, cb: Listener) {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(cb);
    return () => set.delete(cb);
  }

  private emit(key: string, value: unknown) {
    this.listeners.get(key)?.forEach((cb) => {
      cb(value);
    });
  }
}

import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MatchState, PublishedEvent } from "../api/index.js";
import { MatchView } from "./index.js";

/** Stands in for the browser WebSocket: records each connection so the test can play the server. */
class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {}
  serverSends(msg: unknown) {
    act(() => this.onmessage?.({ data: JSON.stringify(msg) }));
  }
  serverDrops() {
    act(() => this.onclose?.());
  }
}

const team = (name: string, score: number) => ({ team_id: name.slice(0, 3).toUpperCase(), name, score, players: [] });
const state = (home: number, last: number): MatchState => ({
  match_id: "wc2018-final", competition: { id: "wc-2018", name: "FIFA World Cup 2018" }, kickoff_at: "2018-07-15T15:00:00Z",
  venue: "Luzhniki Stadium, Moscow", status: "LIVE", period: "FIRST_HALF", in_play: true, minute: 38, stoppage_minute: 0,
  last_sequence: last, home: team("France", home), away: team("Croatia", 1), penalty_score: null, goals: [], cards: [],
  substitutions: [], shootout: [], updated_at: "2018-07-15T15:38:12.534Z",
});
const goal = (seq: number, home: number): PublishedEvent => ({
  event_id: `0190a3e2-7b4c-7d3e-9f21-3c5a8e1b2d${String(seq).padStart(2, "0")}`, event_type: "GOAL_SCORED", event_version: 2,
  match_id: "wc2018-final", competition: { id: "wc-2018", name: "FIFA World Cup 2018" }, occurred_at: "2018-07-15T15:38:12.450Z",
  received_at: "2018-07-15T15:38:12.530Z", published_at: "2018-07-15T15:38:12.534Z", sequence_number: seq,
  source: { system: "OPTA", operator_id: "op-42", confidence: null, stadium_gateway_id: null },
  data: {
    team: { side: "HOME", team_id: "FRA", name: "France" }, match_minute: 38, stoppage_minute: 0, match_period: "FIRST_HALF",
    scorer: { player_id: "FRA-griezmann", name: "Antoine Griezmann" }, assist: null, goal_type: "PENALTY", body_part: "LEFT_FOOT",
    coordinates: null, provisional: false, score_after: { home, away: 1 },
  },
  metadata: { idempotency_key: "k", correlation_id: "c", causation_id: null, ttl_seconds: 300 },
});

let served: MatchState;
beforeEach(() => {
  FakeSocket.all = [];
  served = state(1, 8);
  vi.stubGlobal("WebSocket", FakeSocket);
  vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(served), { headers: { "content-type": "application/json" } })));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("MatchView", () => {
  it("shows GET /v1/matches/{id}, then live events after the snapshot, each once, re-reading the state", async () => {
    render(<MatchView matchId="wc2018-final" />);
    expect((await screen.findByRole("heading", { level: 2 })).textContent).toContain("France 1 – 1 Croatia");
    const socket = FakeSocket.all[0]!;
    expect(socket.url).toBe("ws://localhost:3000/v1/matches/wc2018-final/live");

    socket.serverSends({ type: "snapshot", sequence_number: 8, state: served });
    served = state(2, 9);
    socket.serverSends({ type: "event", event: goal(9, 2) });
    socket.serverSends({ type: "event", event: goal(9, 2) });

    expect((await screen.findByText(/GOAL France: Antoine Griezmann/)).textContent).toContain("2–1");
    expect(screen.getAllByText(/GOAL France/)).toHaveLength(1);
    await vi.waitFor(() => expect(screen.getByRole("heading", { level: 2 }).textContent).toContain("France 2 – 1 Croatia"));
  });

  it("resumes after a drop from the last sequence it saw", async () => {
    render(<MatchView matchId="wc2018-final" />);
    const first = FakeSocket.all[0]!;
    first.serverSends({ type: "snapshot", sequence_number: 8, state: served });
    first.serverSends({ type: "event", event: goal(9, 2) });
    first.serverDrops();

    expect(await screen.findByText("(reconnecting)")).toBeTruthy();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2), { timeout: 3000 });
    expect(FakeSocket.all[1]!.url).toBe("ws://localhost:3000/v1/matches/wc2018-final/live?after=9");
  });
});

import type { FixtureInput, MatchState, MatchSummary, PublishedEvent } from "@buzz/schema/contract";
import { applyEvent, initialState, summarize } from "@buzz/schema/contract";

/** Test data: a small France–Croatia with a roster, and published events folded by the real projection. */
const COMPETITION = { id: "wc-2018", name: "FIFA World Cup 2018" };
const T0 = Date.UTC(2018, 6, 15, 15, 0, 0);

export const FRA = { side: "HOME" as const, team_id: "FRA", name: "France" };
export const CRO = { side: "AWAY" as const, team_id: "CRO", name: "Croatia" };
export const GRIEZMANN = {
  player_id: "FRA-griezmann",
  name: "Antoine Griezmann",
  jersey_number: 7,
  position: "FW" as const,
};
export const POGBA = {
  player_id: "FRA-pogba",
  name: "Paul Pogba",
  jersey_number: 6,
  position: "MF" as const,
};
export const TOLISSO = {
  player_id: "FRA-tolisso",
  name: "Corentin Tolisso",
  jersey_number: 12,
  position: "MF" as const,
};
export const PERISIC = {
  player_id: "CRO-perisic",
  name: "Ivan Perišić",
  jersey_number: 4,
  position: "FW" as const,
};
export const MODRIC = {
  player_id: "CRO-modric",
  name: "Luka Modrić",
  jersey_number: 10,
  position: "MF" as const,
};

const FIXTURE: FixtureInput = {
  competition: COMPETITION,
  kickoff_at: "2018-07-15T15:00:00Z",
  venue: "Luzhniki Stadium, Moscow",
  home: { team_id: "FRA", name: "France", players: [GRIEZMANN, POGBA, TOLISSO] },
  away: { team_id: "CRO", name: "Croatia", players: [PERISIC, MODRIC] },
};

export function emptyState(matchId = "wc2018-64-fra-cro", over: Partial<MatchState> = {}): MatchState {
  return { ...initialState(matchId, FIXTURE, new Date(T0).toISOString()), ...over };
}

type Data<T extends PublishedEvent["event_type"]> = Extract<PublishedEvent, { event_type: T }>["data"];

/** Builds published events in order for one match, folding each into `state` like the MatchRoom does. */
export class MatchScript {
  state: MatchState;
  readonly events: PublishedEvent[] = [];

  constructor(matchId?: string, over?: Partial<MatchState>) {
    this.state = emptyState(matchId, over);
  }

  /** Appends one event; `lagMs` spreads occurred → received → published so latency pages have something to show. */
  add<T extends PublishedEvent["event_type"]>(
    event_type: T,
    data: Data<T>,
    opts: { causation?: string; lagMs?: [number, number] } = {},
  ): PublishedEvent {
    const seq = this.events.length + 1;
    const occurred = T0 + seq * 60_000;
    const [recv, pub] = opts.lagMs ?? [40, 5];
    const event = {
      event_id: `0190a3e2-7b4c-7d3e-9f21-${String(seq).padStart(12, "0")}`,
      event_version: 2,
      match_id: this.state.match_id,
      competition: COMPETITION,
      occurred_at: new Date(occurred).toISOString(),
      received_at: new Date(occurred + recv).toISOString(),
      published_at: new Date(occurred + recv + pub).toISOString(),
      sequence_number: seq,
      source: { system: "OPTA", operator_id: null, confidence: null, stadium_gateway_id: null },
      metadata: {
        idempotency_key: `k${seq}`,
        correlation_id: `c${seq}`,
        causation_id: opts.causation ?? null,
        ttl_seconds: 300,
      },
      event_type,
      data,
    } as PublishedEvent;
    this.events.push(event);
    this.state = applyEvent(this.state, event);
    return event;
  }

  goal(
    team: typeof FRA | typeof CRO,
    minute: number,
    scorer: typeof GRIEZMANN | null,
    coordinates: { x: number; y: number } | null = null,
  ) {
    const s = this.state;
    const score_after = {
      home: s.home.score + (team.side === "HOME" ? 1 : 0),
      away: s.away.score + (team.side === "AWAY" ? 1 : 0),
    };
    return this.add("GOAL_SCORED", {
      team,
      match_minute: minute,
      stoppage_minute: 0,
      match_period: minute > 45 ? "SECOND_HALF" : "FIRST_HALF",
      scorer,
      assist: null,
      goal_type: scorer ? "OPEN_PLAY" : null,
      body_part: null,
      coordinates,
      provisional: scorer === null,
      score_after,
    });
  }

  summary(): MatchSummary {
    return summarize(this.state);
  }
}

/** The final, shortened: a provisional goal later amended, a VAR cancellation, a card, a sub, shots, a shoot-out. */
export function finalScript(matchId?: string): MatchScript {
  const m = new MatchScript(matchId);
  m.add("PERIOD_STARTED", { match_period: "FIRST_HALF", match_minute: 0 });
  m.add("SHOT", {
    team: FRA,
    player: GRIEZMANN,
    match_minute: 9,
    stoppage_minute: 0,
    match_period: "FIRST_HALF",
    outcome: "OFF_TARGET",
    body_part: "LEFT_FOOT",
    coordinates: { x: 80, y: 40 },
  });
  const sensor = m.goal(FRA, 18, null);
  m.add(
    "GOAL_AMENDED",
    {
      ...(sensor.data as Data<"GOAL_SCORED">),
      scorer: GRIEZMANN,
      goal_type: "FREE_KICK",
      coordinates: { x: 75, y: 55 },
      provisional: false,
    },
    { causation: sensor.event_id, lagMs: [900, 8] },
  );
  m.add("CARD_SHOWN", {
    team: CRO,
    player: MODRIC,
    card: "YELLOW",
    match_minute: 27,
    stoppage_minute: 0,
    match_period: "FIRST_HALF",
  });
  const disallowed = m.goal(CRO, 28, PERISIC, { x: 90, y: 50 });
  m.add(
    "GOAL_CANCELLED",
    {
      team: CRO,
      reason: "VAR",
      match_minute: 29,
      stoppage_minute: 0,
      match_period: "FIRST_HALF",
      score_after: { home: 1, away: 0 },
    },
    { causation: disallowed.event_id },
  );
  m.add("PERIOD_ENDED", { match_period: "FIRST_HALF", match_minute: 45, stoppage_minute: 2 });
  m.add("PERIOD_STARTED", { match_period: "SECOND_HALF", match_minute: 45 });
  m.add("SUBSTITUTION", {
    team: FRA,
    player_out: POGBA,
    player_in: TOLISSO,
    match_minute: 55,
    stoppage_minute: 0,
    match_period: "SECOND_HALF",
  });
  return m;
}

/** The projection after the first `n` events of a script: what a snapshot taken then would carry. */
export function stateAfter(script: MatchScript, n: number): MatchState {
  return script.events.slice(0, n).reduce(applyEvent, emptyState(script.state.match_id));
}

import type {
  PublishedData,
  PublishedEvent,
  PublishedEventOf,
  PublishedEventType,
} from "@buzz/schema/contract";
import { published as build } from "@buzz/schema/testing";

// Test-only builders of contract-valid published events (events.test.ts parses every one with the real schema).
export const GOAL_ID = "01968f0e-5a9b-7cc3-8f00-3f2a1b4c5d6e";
const FRANCE = { side: "HOME", team_id: "FRA", name: "France" } as const;
const CROATIA = { side: "AWAY", team_id: "CRO", name: "Croatia" } as const;
const GRIEZMANN = { player_id: "FRA-griezmann", name: "Antoine Griezmann", jersey_number: 7 };
const POGBA = { player_id: "FRA-pogba", name: "Paul Pogba" };
const clock = { match_minute: 38, stoppage_minute: 0, match_period: "FIRST_HALF" } as const;

let seq = 0;
/** An event of the final at 38' (its own sequence number), through the shared builder. */
export const published = <T extends PublishedEventType>(
  event_type: T,
  data: PublishedData<T>,
  overrides: { event_id?: string; causation_id?: string | null; ttl_seconds?: number } = {},
): PublishedEventOf<T> =>
  build(event_type, ++seq, data, { ...overrides, published_at: "2018-07-15T15:38:00.210Z" });

const goalData = {
  team: FRANCE,
  ...clock,
  scorer: GRIEZMANN,
  assist: null,
  goal_type: "PENALTY",
  body_part: "LEFT_FOOT",
  coordinates: { x: 89, y: 50 },
  provisional: false,
  score_after: { home: 2, away: 1 },
} as const;

export const goal = published("GOAL_SCORED", goalData, { event_id: GOAL_ID });
export const provisionalGoal = published(
  "GOAL_SCORED",
  { ...goalData, scorer: null, goal_type: null, body_part: null, coordinates: null, provisional: true },
  { event_id: GOAL_ID },
);
export const amendment = published(
  "GOAL_AMENDED",
  { ...goalData, assist: POGBA, provisional: false },
  { causation_id: GOAL_ID },
);
export const cancellation = published(
  "GOAL_CANCELLED",
  { team: FRANCE, reason: "handball", ...clock, score_after: { home: 1, away: 1 } },
  { causation_id: GOAL_ID },
);
export const ownGoal = published("GOAL_SCORED", {
  ...goalData,
  scorer: { player_id: "CRO-mandzukic", name: "Mario Mandžukić" },
  goal_type: "OWN_GOAL",
  match_minute: 18,
  score_after: { home: 1, away: 0 },
});
export const card = (kind: "YELLOW" | "SECOND_YELLOW" | "RED") =>
  published("CARD_SHOWN", {
    team: CROATIA,
    player: { player_id: "CRO-vrsaljko", name: "Šime Vrsaljko" },
    card: kind,
    ...clock,
    match_minute: 90,
    stoppage_minute: 3,
    match_period: "SECOND_HALF",
  });
export const substitution = published("SUBSTITUTION", {
  team: FRANCE,
  player_out: { player_id: "FRA-giroud", name: "Olivier Giroud" },
  player_in: { player_id: "FRA-fekir", name: "Nabil Fekir" },
  ...clock,
  match_minute: 81,
  match_period: "SECOND_HALF",
});
export const shot = published("SHOT", {
  team: FRANCE,
  player: GRIEZMANN,
  ...clock,
  outcome: "OFF_TARGET",
  body_part: "RIGHT_FOOT",
  coordinates: { x: 80, y: 40 },
});
export const periodStarted = published("PERIOD_STARTED", { match_period: "SECOND_HALF", match_minute: 45 });
export const halfTime = published("PERIOD_ENDED", {
  match_period: "FIRST_HALF",
  match_minute: 45,
  stoppage_minute: 2,
});
export const kick = (scored: boolean, player = true) =>
  published("PENALTY_SHOOTOUT_KICK", {
    team: CROATIA,
    player: player ? { player_id: "CRO-modric", name: "Luka Modrić" } : null,
    kick_number: 5,
    scored,
    penalty_score_after: { home: 3, away: 2 },
  });
export const matchEnded = published("MATCH_ENDED", {
  match_minute: 90,
  stoppage_minute: 4,
  final_score: { home: 4, away: 2 },
  penalty_score: null,
});
export const endedOnPenalties = published("MATCH_ENDED", {
  match_minute: 120,
  stoppage_minute: 1,
  final_score: { home: 1, away: 1 },
  penalty_score: { home: 4, away: 3 },
});
export const endedAfterExtraTime = published("MATCH_ENDED", {
  match_minute: 120,
  stoppage_minute: 0,
  final_score: { home: 2, away: 1 },
  penalty_score: null,
});

export const REVIEW_ID = "01968f0e-5a9b-7cc3-8f00-3f2a1b4c5d70";
export const varStarted = published(
  "VAR_REVIEW_STARTED",
  { reason: "GOAL", ...clock },
  { event_id: REVIEW_ID, causation_id: GOAL_ID },
);
export const varOverturned = published(
  "VAR_REVIEW_ENDED",
  { reason: "GOAL", decision: "OVERTURNED", ...clock, match_minute: 40 },
  { causation_id: REVIEW_ID },
);
export const varConfirmed = published(
  "VAR_REVIEW_ENDED",
  { reason: "PENALTY", decision: "CONFIRMED", ...clock, match_minute: 41 },
  { causation_id: REVIEW_ID },
);
const incident = { team: CROATIA, player: null, ...clock };
export const corner = published("CORNER_KICK", incident);
export const foul = published("FOUL", { ...incident, player: POGBA, team: FRANCE });
export const offside = published("OFFSIDE", incident);
export const save = published("SAVE", incident);
/** The types nobody is notified of. */
export const SILENT_TYPES = ["SHOT", "CORNER_KICK", "FOUL", "OFFSIDE", "SAVE"];

/** One event of every published type, several where the type has variants. */
export const EVERY_EVENT: PublishedEvent[] = [
  goal,
  provisionalGoal,
  amendment,
  cancellation,
  ownGoal,
  card("YELLOW"),
  card("SECOND_YELLOW"),
  card("RED"),
  substitution,
  shot,
  periodStarted,
  halfTime,
  kick(true),
  kick(false),
  kick(true, false),
  matchEnded,
  endedOnPenalties,
  endedAfterExtraTime,
  varStarted,
  varOverturned,
  varConfirmed,
  corner,
  foul,
  offside,
  save,
];

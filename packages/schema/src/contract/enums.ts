export const SOURCE_SYSTEMS = ["HAWKEYE", "OPTA", "REFEREE", "EPTS", "SIMULATOR"] as const;
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number];

export const MATCH_PERIODS = [
  "FIRST_HALF",
  "SECOND_HALF",
  "EXTRA_TIME_FIRST_HALF",
  "EXTRA_TIME_SECOND_HALF",
  "PENALTY_SHOOTOUT",
] as const;
export type MatchPeriod = (typeof MATCH_PERIODS)[number];

/** The regulation minute each period starts at; used when a source omits `match_minute`. */
export const PERIOD_START_MINUTE: Record<MatchPeriod, number> = {
  FIRST_HALF: 0,
  SECOND_HALF: 45,
  EXTRA_TIME_FIRST_HALF: 90,
  EXTRA_TIME_SECOND_HALF: 105,
  PENALTY_SHOOTOUT: 120,
};

export const SIDES = ["HOME", "AWAY"] as const;
export type Side = (typeof SIDES)[number];

export const GOAL_TYPES = ["OPEN_PLAY", "PENALTY", "FREE_KICK", "HEADER", "OWN_GOAL"] as const;
export type GoalType = (typeof GOAL_TYPES)[number];

export const BODY_PARTS = ["LEFT_FOOT", "RIGHT_FOOT", "HEAD", "OTHER"] as const;
export type BodyPart = (typeof BODY_PARTS)[number];

export const CARDS = ["YELLOW", "SECOND_YELLOW", "RED"] as const;
export type Card = (typeof CARDS)[number];

export const SHOT_OUTCOMES = ["ON_TARGET", "OFF_TARGET", "BLOCKED", "WOODWORK"] as const;
export type ShotOutcome = (typeof SHOT_OUTCOMES)[number];

export const VAR_REASONS = ["GOAL", "PENALTY", "RED_CARD", "MISTAKEN_IDENTITY"] as const;
export type VarReason = (typeof VAR_REASONS)[number];

export const VAR_DECISIONS = ["CONFIRMED", "OVERTURNED"] as const;
export type VarDecision = (typeof VAR_DECISIONS)[number];

export const ASSIST_TYPES = ["PASS", "CROSS", "REBOUND", "SET_PIECE"] as const;
export type AssistType = (typeof ASSIST_TYPES)[number];

export const MATCH_STATUSES = ["SCHEDULED", "LIVE", "FINISHED"] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const POSITIONS = ["GK", "DF", "MF", "FW"] as const;
export type Position = (typeof POSITIONS)[number];

export const otherSide = (side: Side): Side => (side === "HOME" ? "AWAY" : "HOME");

// The analytics models enrichment applies to events: pure functions, no I/O.
export { shotGeometry, type Coordinates, type ShotGeometry } from "./pitch.js";
export { PENALTY_XG, expectedGoals } from "./xg.js";
export { finalResult, minutesLeft, winProbability, type MatchClock, type WinProbability } from "./win-probability.js";

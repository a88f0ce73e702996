// The analytics models enrichment applies to events: pure functions, no I/O.
export { type Coordinates, type ShotGeometry, shotGeometry } from "./pitch.js";
export {
  finalResult,
  type MatchClock,
  minutesLeft,
  type WinProbability,
  winProbability,
} from "./win-probability.js";
export { expectedGoals, PENALTY_XG } from "./xg.js";

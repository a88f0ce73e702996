// What a Worker may import (`@buzz/simulator/core`): no node: modules anywhere below this file, and the
// dataset bundled in. The CLI, the disk loader and the signed replay client are in the Node entry (index.ts).

export { WORLDCUP_2018 } from "./data/bundled.js";
export { type GoalFact, goalsOf, periodOfMinute, playerId } from "./data/goals.js";
export { slug } from "./data/slug.js";
export { TEAM_CODES, teamCode } from "./data/teams.js";
export {
  findMatches,
  kickoffAt,
  parseWorldCup,
  type RawGoal,
  type RawMatch,
  selectMatch,
  type TeamRef,
  type WorldCupMatch,
} from "./data/worldcup.js";
export { buildFixture, COMPETITION } from "./fixture/index.js";
export {
  buildTimeline,
  type Timeline,
  type TimelineItem,
  type TimelineItemKind,
  type TimelineOptions,
} from "./timeline/index.js";
export { type Clock, clockAt, type PeriodPlan } from "./timeline/periods.js";
export { generateShootout, isDecided, type Kick, tally } from "./timeline/shootout.js";

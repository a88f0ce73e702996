// What a Worker may import (`@buzz/simulator/core`): no node: modules anywhere below this file, and the
// dataset bundled in. The CLI, the disk loader and the signed replay client are in the Node entry (index.ts).
export { parseWorldCup, findMatches, selectMatch, kickoffAt, type WorldCupMatch, type RawMatch, type RawGoal, type TeamRef } from "./data/worldcup.js";
export { WORLDCUP_2018 } from "./data/bundled.js";
export { TEAM_CODES, teamCode } from "./data/teams.js";
export { goalsOf, periodOfMinute, playerId, type GoalFact } from "./data/goals.js";
export { slug } from "./data/slug.js";
export { buildFixture, COMPETITION } from "./fixture/index.js";
export { buildTimeline, type Timeline, type TimelineItem, type TimelineItemKind, type TimelineOptions } from "./timeline/index.js";
export { clockAt, type Clock, type PeriodPlan } from "./timeline/periods.js";
export { generateShootout, isDecided, tally, type Kick } from "./timeline/shootout.js";

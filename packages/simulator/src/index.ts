export * from "./core.js";
export { DEFAULT_WORLDCUP_PATH, loadWorldCup } from "./data/load.js";
export {
  DEFAULT_SPEED,
  type ReplayOptions,
  type ReplayProgress,
  type ReplayResult,
  replayMatch,
} from "./replay/index.js";
export type { CutOptions } from "./replay/network-cut.js";

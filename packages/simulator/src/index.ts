export * from "./core.js";
export { loadWorldCup, DEFAULT_WORLDCUP_PATH } from "./data/load.js";
export { replayMatch, DEFAULT_SPEED, type ReplayOptions, type ReplayProgress, type ReplayResult } from "./replay/index.js";
export type { CutOptions } from "./replay/network-cut.js";

import { app } from "./app.js";

export default app;
export { AlertMonitor } from "./alerts/monitor.js";
export { MatchDirectory } from "./directory/index.js";
export { ListShard } from "./list-shard/index.js";
export { LiveShard } from "./live-shard/index.js";
export { MatchRoom } from "./match-room/index.js";
export { Simulation } from "./simulations/object.js";

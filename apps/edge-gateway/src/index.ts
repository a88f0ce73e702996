import { app } from "./app.js";

export default app;
export { MatchRoom } from "./match-room/index.js";
export { MatchDirectory } from "./directory/index.js";
export { Simulation } from "./simulations/object.js";

// The public contract, zod-free: types, constants, the event catalogue, the projection fold, the idempotency
// key and the upcaster. Clients (the SDK, the dashboard) import only this; the validators are in ../validate.

export * from "./analytics.js";
export * from "./catalogue.js";
export * from "./devices.js";
export * from "./enums.js";
export * from "./errors.js";
export * from "./events.js";
export * from "./fixture.js";
export * from "./idempotency.js";
export * from "./ids.js";
export * from "./input.js";
export * from "./live.js";
export * from "./notifications.js";
export * from "./ops.js";
export * from "./preferences.js";
export * from "./projection.js";
export * from "./published.js";
export * from "./queues.js";
export * from "./state.js";
export * from "./stats.js";
export * from "./upcast.js";

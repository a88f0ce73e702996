// The validators of the contract (zod): what the Workers check requests and queue messages with. The types they
// produce are the contract's own (../contract); conforms.ts keeps the two equal.

export * from "./devices.js";
export * from "./fixture.js";
export * from "./ingest.js";
export * from "./input.js";
export * from "./issues.js";
export * from "./json-schema.js";
export * from "./preferences.js";
export * from "./primitives.js";
export * from "./published.js";

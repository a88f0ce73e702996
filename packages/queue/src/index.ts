// The pipeline's plumbing, once: logging, the retry policy, Retry-After, a concurrency limit, producing within
// the Queues limits, one schema per queue message and one dead-letter shape. Both Workers use it.
export * from "./backoff.js";
export * from "./dead-letter.js";
export * from "./lanes.js";
export * from "./limit.js";
export * from "./log.js";
export * from "./messages/index.js";
export * from "./retry-after.js";
export * from "./send.js";

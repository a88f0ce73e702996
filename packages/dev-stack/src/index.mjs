// The local stack behind `npm start`, `npm run dev`, the end-to-end tests and the benchmarks.

export * from "./dev-vars.mjs";
export { freePort } from "./ports.mjs";
export { configWithVars, laneNumber, stripJsonComments } from "./secondary-config.mjs";
export { ROOT, startStack, WRANGLER_ENV } from "./stack.mjs";

// `npm run deploy` as functions, for tests and other scripts.
export * from "./config.mjs";
export * from "./queues.mjs";
export * from "./secrets.mjs";
export { deploy, STEPS } from "./steps.mjs";

export * from "./fixtures.js";
export * from "./devices.js";
export * from "./events.js";
export * from "./webhooks.js";
export * from "./dead-letters.js";
export * from "./native-push.js";

export * from "./dead-letters.js";
export * from "./devices.js";
export * from "./events.js";
export * from "./fixtures.js";
export * from "./native-push.js";
export * from "./notification-tallies.js";
export * from "./preferences.js";
export * from "./webhooks.js";

// One schema per queue message. Consumers parse what they take off a queue with these, so a message that does not
// fit is poison on purpose (dead-lettered with the issues), never half-read.
export * from "./enriched.js";
export * from "./notification.js";
export * from "./notification-group.js";
export * from "./parse.js";
export * from "./webhook-delivery.js";

// What pages and the Buzz service worker say to each other, and what a push carries. Types only: the worker
// bundle and the page bundle must not share a runtime chunk (a service worker script is best self-contained).

/** Page → worker, on every change: the matches this window is live on now, i.e. its socket delivers their events. */
export interface LiveMessage {
  type: "buzz:live";
  matches: string[];
}

/**
 * Worker → page, with a MessagePort: "which matches are you live on?", answered with a `LiveMessage` on the port.
 * A worker is stopped when idle and forgets what pages told it; it asks when a push finds it without an answer.
 */
export interface LiveQuery {
  type: "buzz:live?";
}

/** `data` of a Buzz notification and the decrypted Web Push payload: the contract's (`silent` since v1.1). */
export type { NotificationData, NotificationPayload } from "@buzz/schema/contract";

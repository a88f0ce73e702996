/**
 * Platform limits the capacity model divides by, as documented (checked 2026-12), with where each comes from.
 * They are the platform's, not Buzz's: change them here when the documents change.
 */
export const LIMITS = {
  /** Durable Objects: hibernatable WebSockets accepted by one object. */
  socketsPerObject: { value: 32_768, source: "Durable Objects limits (WebSocket hibernation)" },
  /** Queues: messages per second into one queue. */
  queueMessagesPerSecond: { value: 5_000, source: "Queues limits: per-queue throughput" },
  /** Queues: concurrent consumer invocations of one queue (max_concurrency's ceiling). */
  consumerInvocationsPerQueue: { value: 250, source: "Queues limits: concurrent consumer invocations" },
  /** Queues: messages per consumer batch. */
  batchSize: { value: 100, source: "Queues limits: max_batch_size" },
  /** Workers: simultaneous outgoing connections (open fetches) per invocation. */
  connectionsPerInvocation: { value: 6, source: "Workers limits: simultaneous outgoing connections/request" },
  /** Workers: subrequests per invocation on the paid plan. */
  subrequestsPerInvocation: { value: 10_000, source: "Workers limits: subrequests/request (paid)" },
  /** FCM HTTP v1: messages per minute per project (the figure, Firebase's default quota). */
  fcmPerMinute: { value: 600_000, source: "Firebase Cloud Messaging quota per project" },
} as const;

/** What the model assumes where this machine cannot measure it (the internet is not here). */
export const ASSUMED = {
  /** Round trip of one push request to a push service from a Cloudflare colo, ms. */
  pushServiceRttMs: 60,
  /** Share of the one-second goal budget left for the last hop after ingest, queues and routing. */
  sendBudgetSeconds: 0.5,
} as const;

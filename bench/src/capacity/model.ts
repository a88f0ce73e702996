import { ASSUMED, LIMITS } from "./limits.js";

/** Per-core costs measured by the benches on this machine. */
export interface Measured {
  /** workerd CPU per socket per event while a room broadcasts (bench:fanout, largest N). */
  fanoutUsPerSocket: number;
  /** workerd CPU per Web Push message built and sent (bench:webpush, buzz-workerd). */
  pushUsPerMessage: number;
  /** The route statement for `segmentRecipients` recipients (bench:segment). */
  segmentMs: number;
  segmentRecipients: number;
}

export interface Target {
  liveSockets: number;
  pushDevices: number;
  /** Recipients route packs into one `notifications` message (RECIPIENTS_PER_MESSAGE in the pipeline). */
  recipientsPerMessage: number;
  /** Notification lanes production binds (apps/worker-pipeline/wrangler.jsonc env.production). */
  lanes: number;
  /** Seconds from the goal to the last socket / the last push. */
  withinSeconds: number;
}

export interface Step {
  name: string;
  /** The arithmetic, as it reads in the document. */
  shown: string;
  value: number;
  unit: string;
}

const ceil = Math.ceil;
const fmt = (x: number) =>
  Number.isInteger(x) ? x.toLocaleString("en") : x.toLocaleString("en", { maximumFractionDigits: 2 });

/** Live fan-out: shard size from the broadcast budget and the per-object cap, then shards for the target. */
export function liveModel(m: Measured, t: Target): Step[] {
  const budgetUs = ASSUMED.sendBudgetSeconds * 1e6;
  const byCpu = Math.floor(budgetUs / m.fanoutUsPerSocket);
  const perShard = Math.min(byCpu, LIMITS.socketsPerObject.value);
  const shards = ceil(t.liveSockets / perShard);
  return [
    {
      name: "sockets one shard can write in the budget",
      shown: `${fmt(budgetUs)} µs ÷ ${fmt(m.fanoutUsPerSocket)} µs`,
      value: byCpu,
      unit: "sockets",
    },
    {
      name: "shard size (capped by the platform)",
      shown: `min(${fmt(byCpu)}, ${fmt(LIMITS.socketsPerObject.value)})`,
      value: perShard,
      unit: "sockets",
    },
    {
      name: "fan-out shards for the match",
      shown: `⌈${fmt(t.liveSockets)} ÷ ${fmt(perShard)}⌉`,
      value: shards,
      unit: "objects",
    },
    {
      name: "CPU to write one event to every socket",
      shown: `${fmt(t.liveSockets)} × ${fmt(m.fanoutUsPerSocket)} µs`,
      value: (t.liveSockets * m.fanoutUsPerSocket) / 1e6,
      unit: "core-seconds",
    },
  ];
}

/** Pushes: CPU, the connection limit per invocation, queue ceilings, and the segment statement. */
export function pushModel(m: Measured, t: Target): Step[] {
  const budget = ASSUMED.sendBudgetSeconds;
  const cpuSeconds = (t.pushDevices * m.pushUsPerMessage) / 1e6;
  const byCpu = ceil(cpuSeconds / budget);
  const perInvocation = (LIMITS.connectionsPerInvocation.value * 1000) / ASSUMED.pushServiceRttMs;
  const byConnections = ceil(t.pushDevices / (perInvocation * budget));
  const invocations = Math.max(byCpu, byConnections);
  const queues = ceil(invocations / LIMITS.consumerInvocationsPerQueue.value);
  const recipientsPerMessage = ceil(t.pushDevices / (queues * LIMITS.queueMessagesPerSecond.value * budget));
  const messages = ceil(t.pushDevices / t.recipientsPerMessage);
  const throughOneQueue = messages / LIMITS.queueMessagesPerSecond.value;
  const queuesForMessages = ceil(messages / (LIMITS.queueMessagesPerSecond.value * budget));
  const oneQueueSeconds = t.pushDevices / (perInvocation * LIMITS.consumerInvocationsPerQueue.value);
  const throughLanes = messages / (t.lanes * LIMITS.queueMessagesPerSecond.value);
  const lanesSeconds = oneQueueSeconds / t.lanes;
  const segmentMs = (m.segmentMs * t.pushDevices) / m.segmentRecipients;
  const partitions = ceil(segmentMs / (budget * 1000));
  const fcmSeconds = t.pushDevices / (LIMITS.fcmPerMinute.value / 60);
  return [
    {
      name: "CPU to encrypt and send every push",
      shown: `${fmt(t.pushDevices)} × ${fmt(m.pushUsPerMessage)} µs`,
      value: cpuSeconds,
      unit: "core-seconds",
    },
    {
      name: "invocations for that CPU within the budget",
      shown: `⌈${fmt(cpuSeconds)} ÷ ${budget} s⌉`,
      value: byCpu,
      unit: "invocations",
    },
    {
      name: "pushes one invocation can have answered per second",
      shown: `${LIMITS.connectionsPerInvocation.value} connections × 1000 ÷ ${ASSUMED.pushServiceRttMs} ms`,
      value: perInvocation,
      unit: "pushes/s",
    },
    {
      name: "invocations for the connections within the budget",
      shown: `⌈${fmt(t.pushDevices)} ÷ (${fmt(perInvocation)} × ${budget} s)⌉`,
      value: byConnections,
      unit: "invocations",
    },
    {
      name: "notification queues (each up to 250 invocations)",
      shown: `⌈${fmt(invocations)} ÷ ${LIMITS.consumerInvocationsPerQueue.value}⌉`,
      value: queues,
      unit: "queues",
    },
    {
      name: "recipients per queue message (5 000 messages/s a queue)",
      shown: `⌈${fmt(t.pushDevices)} ÷ (${queues} × 5 000 × ${budget} s)⌉`,
      value: recipientsPerMessage,
      unit: "recipients",
    },
    {
      name: "queue messages for the goal, as route packs them",
      shown: `⌈${fmt(t.pushDevices)} ÷ ${t.recipientsPerMessage}⌉`,
      value: messages,
      unit: "messages",
    },
    {
      name: "time for them to pass one queue",
      shown: `${fmt(messages)} ÷ 5 000 messages/s`,
      value: throughOneQueue,
      unit: "seconds",
    },
    {
      name: "queues for them to pass within the budget",
      shown: `⌈${fmt(messages)} ÷ (5 000 × ${budget} s)⌉`,
      value: queuesForMessages,
      unit: "queues",
    },
    {
      name: "time for one queue's invocations to send every push",
      shown: `${fmt(t.pushDevices)} ÷ (${fmt(perInvocation)} × ${LIMITS.consumerInvocationsPerQueue.value})`,
      value: oneQueueSeconds,
      unit: "seconds",
    },
    {
      name: `time for the messages to pass production's ${t.lanes} lanes`,
      shown: `${fmt(messages)} ÷ (${t.lanes} × 5 000 messages/s)`,
      value: throughLanes,
      unit: "seconds",
    },
    {
      name: `time for the ${t.lanes} lanes' invocations to send every push`,
      shown: `${fmt(oneQueueSeconds)} s ÷ ${t.lanes}`,
      value: lanesSeconds,
      unit: "seconds",
    },
    {
      name: "segment statement for every recipient, one connection",
      shown: `${fmt(m.segmentMs)} ms × ${fmt(t.pushDevices)} ÷ ${fmt(m.segmentRecipients)}`,
      value: segmentMs,
      unit: "ms",
    },
    {
      name: "route partitions (by device hash) to segment within the budget",
      shown: `⌈${fmt(segmentMs)} ms ÷ ${budget * 1000} ms⌉`,
      value: partitions,
      unit: "Postgres connections",
    },
    {
      name: "the same pushes through one FCM project, device by device",
      shown: `${fmt(t.pushDevices)} ÷ (${fmt(LIMITS.fcmPerMinute.value)} ÷ 60)`,
      value: fcmSeconds,
      unit: "seconds",
    },
  ];
}

import { describe, expect, it } from "vitest";
import { canonicalBatch } from "./queue-names.js";

function platformBatch(queue: string) {
  const calls: string[] = [];
  const batch: MessageBatch = {
    queue,
    messages: [],
    metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
    ackAll: () => calls.push("ackAll"),
    retryAll: (o) => calls.push(`retryAll:${o?.delaySeconds}`),
  };
  return { batch, calls };
}

describe("canonicalBatch", () => {
  it("names a deployed environment's queue as the contract does and passes acks and retries through", () => {
    const { batch, calls } = platformBatch("buzz-staging-notifications-dlq");
    const seen = canonicalBatch(batch, "buzz-staging-");
    expect(seen.queue).toBe("notifications-dlq");
    seen.ackAll();
    seen.retryAll({ delaySeconds: 3 });
    expect(calls).toEqual(["ackAll", "retryAll:3"]);
  });

  it("hands the platform's batch itself over when there is no prefix (local development, tests)", () => {
    const { batch } = platformBatch("match-events");
    expect(canonicalBatch(batch, undefined)).toBe(batch);
    expect(canonicalBatch(batch, "buzz-")).toBe(batch);
  });

  it("hands a lane's batch to dispatch as notifications", () => {
    const { batch } = platformBatch("notifications-3");
    expect(canonicalBatch(batch, undefined).queue).toBe("notifications");
  });
});

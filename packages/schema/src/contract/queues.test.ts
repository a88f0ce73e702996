import { describe, expect, it } from "vitest";
import { canonicalQueueName, isDeadLetterQueue, sourceQueueOf } from "./queues.js";

describe("canonicalQueueName", () => {
  it("drops an environment's prefix, so the stage and dead-letter checks see the contract's names", () => {
    expect(canonicalQueueName("buzz-staging-notifications-dlq", "buzz-staging-")).toBe("notifications-dlq");
    expect(isDeadLetterQueue(canonicalQueueName("buzz-match-events-dlq", "buzz-"))).toBe(true);
    expect(sourceQueueOf(canonicalQueueName("buzz-staging-match-events-enriched", "buzz-staging-"))).toBe(
      "match-events-enriched",
    );
  });

  it("leaves a name without the prefix (or with no prefix configured) as it is", () => {
    expect(canonicalQueueName("match-events")).toBe("match-events");
    expect(canonicalQueueName("match-events", "")).toBe("match-events");
    expect(canonicalQueueName("buzz-match-events", "buzz-staging-")).toBe("buzz-match-events");
  });
});

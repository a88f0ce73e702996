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

  it("names every lane of notifications as notifications, prefixed or not, and nothing else", () => {
    expect(canonicalQueueName("notifications-1")).toBe("notifications");
    expect(canonicalQueueName("buzz-notifications-19", "buzz-")).toBe("notifications");
    expect(canonicalQueueName("notifications-0")).toBe("notifications-0");
    expect(canonicalQueueName("notifications-dlq")).toBe("notifications-dlq");
    expect(canonicalQueueName("notifications-1-dlq")).toBe("notifications-1-dlq");
    expect(canonicalQueueName("match-events-1")).toBe("match-events-1");
  });
});

import { describe, expect, it } from "vitest";
import { DeadLetterSchema, deadLetterOf } from "./dead-letter.js";

describe("deadLetterOf", () => {
  const message = {
    id: "m-1",
    attempts: 2,
    timestamp: new Date("2018-07-15T15:38:13Z"),
    body: { event_id: "x" },
  };

  it("keeps why, where from and the original body, in the shape the recorder reads", () => {
    const letter = deadLetterOf("match-events", message, "invalid_event", [
      { path: ["event_id"], message: "bad" },
    ]);
    expect(letter).toMatchObject({
      reason: "invalid_event",
      queue: "match-events",
      message_id: "m-1",
      attempts: 2,
      enqueued_at: "2018-07-15T15:38:13.000Z",
      body: message.body,
    });
    expect(DeadLetterSchema.parse(letter)).toEqual(letter);
  });

  it("keeps at most 50 issues, so a badly broken body still fits one message", () => {
    const issues = Array.from({ length: 400 }, (_, i) => ({ path: [i], message: "bad" }));
    expect(deadLetterOf("notifications", message, "malformed", issues).issues).toHaveLength(50);
    expect(deadLetterOf("notifications", message, "malformed")).not.toHaveProperty("issues");
  });
});

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assertTopic, isValidTopic, topicFromTag } from "./index.js";

describe("Topic", () => {
  it("accepts 1 to 32 URL-safe base64 characters only", () => {
    expect(isValidTopic("goal-wc2018_final")).toBe(true);
    expect(isValidTopic("a".repeat(32))).toBe(true);
    expect(isValidTopic("a".repeat(33))).toBe(false);
    expect(isValidTopic("")).toBe(false);
    expect(isValidTopic("goal:final")).toBe(false);
    expect(isValidTopic("a+b/c=")).toBe(false);
    expect(isValidTopic("é")).toBe(false);
    expect(() => assertTopic("goal:final")).toThrow(/1 to 32 characters/);
    expect(() => assertTopic("goal:final")).toThrow(
      expect.objectContaining({ code: "invalid_topic", field: "topic" }),
    );
  });

  it("keeps a tag that is already a Topic and hashes any other into one, deterministically", async () => {
    expect(await topicFromTag("goal-FRA-38")).toBe("goal-FRA-38");
    const tag = "goal:wc2018-final:evt_01J8ZQ — amended";
    const topic = await topicFromTag(tag);
    expect(isValidTopic(topic)).toBe(true);
    expect(topic).toHaveLength(32);
    expect(topic).toBe(createHash("sha256").update(tag).digest().subarray(0, 24).toString("base64url"));
    expect(await topicFromTag(tag)).toBe(topic);
    expect(await topicFromTag(`${tag}!`)).not.toBe(topic);
  });
});

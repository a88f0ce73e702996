import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isTopic, topicOf } from "./index.js";
import { sha256 } from "./sha256.js";

describe("sha256", () => {
  it("matches FIPS 180-4 test vectors and node:crypto across block boundaries", () => {
    const hex = (s: string) => Buffer.from(sha256(new TextEncoder().encode(s))).toString("hex");
    expect(hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    for (const length of [55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = randomBytes(length);
      expect(Buffer.from(sha256(bytes)).toString("hex")).toBe(
        createHash("sha256").update(bytes).digest("hex"),
      );
    }
  });
});

describe("topicOf", () => {
  const tag = "goal-01968f0e-5a9b-7cc3-8f00-3f2a1b4c5d6e";

  it("hashes a tag into 32 URL-safe base64 characters, the same way @buzz/web-push does", () => {
    const topic = topicOf(tag);
    expect(topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(topic).toBe(createHash("sha256").update(tag).digest().subarray(0, 24).toString("base64url"));
    expect(topicOf(tag)).toBe(topic);
    expect(topicOf(`${tag}x`)).not.toBe(topic);
  });

  it("keeps a tag that already is a Topic, and hashes non-ASCII tags as UTF-8", () => {
    expect(topicOf("status-wc2018-final")).toBe("status-wc2018-final");
    expect(topicOf("but — Mbappé")).toBe(
      createHash("sha256").update("but — Mbappé", "utf8").digest().subarray(0, 24).toString("base64url"),
    );
    for (const t of ["a".repeat(33), "goal:x", "a+b/c=", "é", ""]) expect(isTopic(topicOf(t))).toBe(true);
  });
});

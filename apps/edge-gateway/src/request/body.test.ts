import { describe, expect, it } from "vitest";
import { ApiError } from "../errors/index.js";
import { parseJson, readBodyBytes } from "./body.js";

function streamOf(chunks: number[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      const n = chunks[i++];
      if (n === undefined) c.close();
      else c.enqueue(new Uint8Array(n).fill(97));
    },
  });
}

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("https://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyBytes", () => {
  it("reads a body within the limit, across chunks", async () => {
    expect((await readBodyBytes(post(streamOf([3, 4, 3])), 10)).byteLength).toBe(10);
    expect((await readBodyBytes(post(null), 10)).byteLength).toBe(0);
  });

  it("refuses a chunked body once it passes the limit", async () => {
    await expect(readBodyBytes(post(streamOf([6, 6])), 10)).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("refuses early on a declared length over the limit", async () => {
    await expect(readBodyBytes(post("x".repeat(11)), 10)).rejects.toBeInstanceOf(ApiError);
  });
});

describe("parseJson", () => {
  it("parses JSON and refuses the rest with invalid_json", () => {
    const enc = new TextEncoder();
    expect(parseJson(enc.encode('{"a":1}'))).toEqual({ a: 1 });
    for (const bad of [enc.encode("{"), enc.encode("  "), new Uint8Array([0x7b, 0xff, 0x7d])]) {
      expect(() => parseJson(bad)).toThrow(expect.objectContaining({ code: "invalid_json", status: 400 }));
    }
  });
});

import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { onError } from "../errors/index.js";
import { limitBody, parseJson, readBody } from "./body.js";

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

const app = new Hono<{ Bindings: Env }>()
  .use(limitBody(10))
  .post("/", async (c) => c.json({ bytes: (await readBody(c.req.raw)).byteLength }))
  .onError(onError);
const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  app.request("/", { method: "POST", body, headers, duplex: "half" } as RequestInit, {} as Env);

describe("limitBody", () => {
  it("lets a body within the limit through, across chunks", async () => {
    expect(await (await post(streamOf([3, 4, 3]))).json()).toEqual({ bytes: 10 });
    expect(await (await post(null)).json()).toEqual({ bytes: 0 });
  });

  it("refuses a chunked body once it passes the limit, and a declared length over it, with the contract's 413", async () => {
    for (const res of [await post(streamOf([6, 6])), await post("x".repeat(11))]) {
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        error: { code: "payload_too_large", message: "body exceeds 10 bytes" },
      });
    }
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
